# METADATA
# title: RDS Performance Insights is disabled
# description: |
#   Performance Insights records database load and the queries behind it, which helps spot abnormal
#   activity and performance problems.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.html
# custom:
#   id: WARD-AWS-0106
#   severity: LOW
#   remediation: Set performance_insights_enabled (EnablePerformanceInsights) to true.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance, aws.rds.cluster_instance]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.aws.rds_performance_insights_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s has Performance Insights disabled", [cloud.label]), ["performance_insights_enabled"]) if {
	input.performance_insights_enabled == false
}
