# METADATA
# title: RDS cluster exports no logs to CloudWatch
# description: |
#   Without log exports, the cluster's audit, error and query logs are not kept in CloudWatch Logs, where
#   monitoring and investigations need them.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
# custom:
#   id: WARD-AWS-0112
#   severity: MEDIUM
#   remediation: List the engine's log types in enabled_cloudwatch_logs_exports (EnableCloudwatchLogsExports), e.g. audit, error or postgresql.
#   input:
#     type: cloud
#     kinds: [aws.rds.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.rds_cluster_log_exports

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS cluster %s exports no logs to CloudWatch Logs", [cloud.label]), ["enabled_cloudwatch_logs_exports"]) if {
	input.enabled_cloudwatch_logs_exports == []
	lower(input.engine_mode) != "serverless"
}
