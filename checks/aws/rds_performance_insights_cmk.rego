# METADATA
# title: RDS Performance Insights data is not encrypted with a customer managed key
# description: |
#   Performance Insights stores query text and wait statistics. Without a KMS key of your own it is
#   encrypted with the AWS managed aws/rds key, whose use you cannot restrict by key policy.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.html
# custom:
#   id: WARD-AWS-0105
#   severity: LOW
#   remediation: Set performance_insights_kms_key_id (PerformanceInsightsKMSKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance, aws.rds.cluster_instance]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.rds_performance_insights_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s encrypts Performance Insights with the AWS managed key", [cloud.label]), ["performance_insights_kms_key_id"]) if {
	input.performance_insights_enabled == true
	input.performance_insights_kms_key_id == ""
}
