# METADATA
# title: Activity log profile does not capture all categories
# description: |
#   A log profile must export the Action, Delete and Write categories of the
#   activity log; a missing category leaves those control-plane operations
#   unaudited.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log
# custom:
#   id: WARD-AZURE-0072
#   severity: MEDIUM
#   remediation: Set categories = ["Action", "Delete", "Write"].
#   input:
#     type: cloud
#     kinds: [azure.monitor.log_profile]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.monitor_log_profile_categories

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Log profile %s does not capture the %s category", [cloud.label, c]), ["categories"]) if {
	is_array(input.categories)
	have := {lower(x) | some x in input.categories}
	some c in ["Action", "Delete", "Write"]
	not lower(c) in have
}
