# METADATA
# title: ECS cluster does not have Container Insights enabled
# description: |
#   Without Container Insights the cluster's task and container metrics and
#   events are not collected for monitoring.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-container-insights.html
# custom:
#   id: WARD-AWS-0226
#   severity: LOW
#   remediation: Add the cluster setting containerInsights with value enabled (or enhanced).
#   input:
#     type: cloud
#     kinds: [aws.ecs.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.aws.ecs_container_insights

import data.ward.lib.cloud
import rego.v1

insights_on if {
	some s in input.settings
	s.setting_name == "containerInsights"
	lower(s.value) in {"enabled", "enhanced"}
}

deny contains cloud.result(sprintf("ECS cluster %s has Container Insights disabled", [cloud.label]), ["settings"]) if {
	not insights_on
}
