# METADATA
# title: Key Vault secret has no content type
# description: |
#   A content type (password, connection string, certificate, ...) documents
#   what a secret holds and how to rotate it; secrets without one are hard to
#   inventory.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets
# custom:
#   id: WARD-AZURE-0027
#   severity: LOW
#   remediation: Set content_type on azurerm_key_vault_secret.
#   input:
#     type: cloud
#     kinds: [azure.keyvault.secret]
#   controls:
#     pci-dss-4.0: ["12.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.9"]
package ward.azure.keyvault_secret_no_content_type

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Key vault secret %s has no content type", [cloud.label]), ["content_type"]) if {
	input.content_type == ""
}
