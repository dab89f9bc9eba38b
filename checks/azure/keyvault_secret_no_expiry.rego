# METADATA
# title: Key Vault secret has no expiration date
# description: |
#   A secret without an expiration date is never forced to rotate, so a leaked
#   credential stays valid indefinitely.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets
# custom:
#   id: WARD-AZURE-0026
#   severity: MEDIUM
#   remediation: Set expiration_date on azurerm_key_vault_secret and rotate the secret before it expires.
#   input:
#     type: cloud
#     kinds: [azure.keyvault.secret]
#   controls:
#     cis-azure: ["8.3", "8.4"]
#     pci-dss-4.0: ["8.3.9"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.azure.keyvault_secret_no_expiry

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Key vault secret %s has no expiration date", [cloud.label]), ["expiration_date"]) if {
	input.expiration_date == ""
}
