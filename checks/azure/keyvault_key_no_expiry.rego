# METADATA
# title: Key Vault key has no expiration date
# description: |
#   A key without an expiration date can be used indefinitely; setting one
#   forces rotation and limits the exposure of a compromised key.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/keys/about-keys-details
# custom:
#   id: WARD-AZURE-0025
#   severity: MEDIUM
#   remediation: Set expiration_date on azurerm_key_vault_key (and a rotation_policy).
#   input:
#     type: cloud
#     kinds: [azure.keyvault.key]
#   controls:
#     cis-azure: ["8.1", "8.2"]
#     pci-dss-4.0: ["3.7.4"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.keyvault_key_no_expiry

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Key vault key %s has no expiration date", [cloud.label]), ["expiration_date"]) if {
	input.expiration_date == ""
}
