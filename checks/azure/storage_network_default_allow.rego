# METADATA
# title: Storage account firewall allows all networks by default
# description: |
#   A storage account whose network rules default action is Allow (or that
#   declares no network rules) accepts connections from any network; only
#   explicitly allowed networks should reach it.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security
# custom:
#   id: WARD-AZURE-0004
#   severity: HIGH
#   remediation: Declare network_rules (or azurerm_storage_account_network_rules) with default_action = "Deny" and allow the required virtual networks and IP ranges.
#   input:
#     type: cloud
#     kinds: [azure.storage.account, azure.storage.network_rules]
#   controls:
#     cis-azure: ["3.8"]
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.storage_network_default_allow

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s network rules allow traffic from all networks", [cloud.label]), ["network_rules", "default_action"]) if {
	input.network_rules.separate == false
	azure.eq(input.network_rules.default_action, "allow")
}

deny contains cloud.result(sprintf("Storage account network rules %s allow traffic from all networks", [cloud.label]), ["default_action"]) if {
	azure.eq(input.default_action, "allow")
}
