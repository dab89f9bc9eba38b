# METADATA
# title: NSG flow log is disabled
# description: |
#   A network watcher flow log with enabled = false records no traffic of its
#   security group, leaving no trail for incident investigation.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/network-watcher/nsg-flow-logs-overview
# custom:
#   id: WARD-AZURE-0019
#   severity: MEDIUM
#   remediation: Set enabled = true on azurerm_network_watcher_flow_log.
#   input:
#     type: cloud
#     kinds: [azure.network.watcher_flow_log]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.network_flow_log_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Flow log %s is disabled", [cloud.label]), ["enabled"]) if {
	input.enabled == false
}
