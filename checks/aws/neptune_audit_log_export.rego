# METADATA
# title: Neptune cluster does not export audit logs
# description: |
#   Neptune audit logs record connections and queries; unless exported to CloudWatch Logs they are not kept
#   for monitoring and investigations.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html
# custom:
#   id: WARD-AWS-0157
#   severity: MEDIUM
#   remediation: Add audit to enable_cloudwatch_logs_exports (EnableCloudwatchLogsExports) and set neptune_enable_audit_log in the cluster parameter group.
#   input:
#     type: cloud
#     kinds: [aws.neptune.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.neptune_audit_log_export

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Neptune cluster %s does not export audit logs", [cloud.label]), ["enabled_cloudwatch_logs_exports"]) if {
	is_array(input.enabled_cloudwatch_logs_exports)
	every t in input.enabled_cloudwatch_logs_exports {
		lower(t) != "audit"
	}
}
