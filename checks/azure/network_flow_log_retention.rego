# METADATA
# title: NSG flow log kept less than 90 days
# description: |
#   Flow logs without an enabled retention policy of at least 90 days (0 means
#   forever) are deleted before most incident investigations need them.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/network-watcher/nsg-flow-logs-overview
# custom:
#   id: WARD-AZURE-0020
#   severity: LOW
#   remediation: Declare retention_policy { enabled = true days = 90 } (or more, or 0 to keep forever).
#   input:
#     type: cloud
#     kinds: [azure.network.watcher_flow_log]
#   controls:
#     cis-azure: ["6.5"]
#     pci-dss-4.0: ["10.5.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.network_flow_log_retention

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Flow log %s has no enabled retention policy", [cloud.label]), ["retention_enabled"]) if {
	input.retention_enabled == false
}

deny contains cloud.result(sprintf("Flow log %s is kept %d days, less than 90", [cloud.label, input.retention_days]), ["retention_days"]) if {
	input.retention_enabled == true
	input.retention_days > 0
	input.retention_days < 90
}
