# METADATA
# title: RDS instance exports no logs to CloudWatch
# description: |
#   Without log exports, the database's error, audit and query logs stay on the instance, where they rotate
#   away and cannot feed monitoring or investigations.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
# custom:
#   id: WARD-AWS-0107
#   severity: MEDIUM
#   remediation: List the engine's log types in enabled_cloudwatch_logs_exports (EnableCloudwatchLogsExports), e.g. postgresql or audit, error.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.rds_instance_log_exports

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s exports no logs to CloudWatch Logs", [cloud.label]), ["enabled_cloudwatch_logs_exports"]) if {
	input.enabled_cloudwatch_logs_exports == []
	input.cluster_member == false
}
