# METADATA
# title: Key Vault purge protection is disabled
# description: |
#   Without purge protection a deleted vault or key can be purged before its
#   soft-delete retention ends, so an attacker or mistake can permanently
#   destroy the keys encrypting your data.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview
# custom:
#   id: WARD-AZURE-0023
#   severity: MEDIUM
#   remediation: Set purge_protection_enabled = true.
#   input:
#     type: cloud
#     kinds: [azure.keyvault.vault]
#   controls:
#     cis-azure: ["8.5"]
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.keyvault_purge_protection_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Key vault %s does not have purge protection enabled", [cloud.label]), ["purge_protection_enabled"]) if {
	input.purge_protection_enabled == false
}
