# METADATA
# title: DocumentDB cluster exports no audit or profiler logs
# description: |
#   Without audit or profiler log exports to CloudWatch, there is no record of authentication, DDL and slow
#   operations on the cluster.
# related_resources:
#   - https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html
# custom:
#   id: WARD-AWS-0152
#   severity: MEDIUM
#   remediation: Add audit (and profiler) to enabled_cloudwatch_logs_exports (EnableCloudwatchLogsExports), and enable the audit_logs cluster parameter.
#   input:
#     type: cloud
#     kinds: [aws.docdb.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.docdb_log_exports

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("DocumentDB cluster %s exports neither audit nor profiler logs", [cloud.label]), ["enabled_cloudwatch_logs_exports"]) if {
	is_array(input.enabled_cloudwatch_logs_exports)
	every t in input.enabled_cloudwatch_logs_exports {
		not lower(t) in {"audit", "profiler"}
	}
}
