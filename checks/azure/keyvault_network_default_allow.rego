# METADATA
# title: Key Vault network ACLs allow all networks
# description: |
#   A key vault without a network_acls block, or with default_action Allow,
#   accepts requests from any network; restricting it to selected networks and
#   private endpoints limits who can even attempt authentication.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/general/network-security
# custom:
#   id: WARD-AZURE-0024
#   severity: HIGH
#   remediation: Declare network_acls { default_action = "Deny" bypass = "AzureServices" } with the allowed IP ranges and subnets.
#   input:
#     type: cloud
#     kinds: [azure.keyvault.vault]
#   controls:
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.keyvault_network_default_allow

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Key vault %s accepts traffic from all networks", [cloud.label]), ["network_acls", "default_action"]) if {
	azure.eq(input.network_acls.default_action, "allow")
	input.public_network_access_enabled != false
}
