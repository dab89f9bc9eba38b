# METADATA
# title: Storage account without infrastructure encryption
# description: |
#   Infrastructure encryption adds a second layer of AES-256 encryption with a
#   different key at the infrastructure level; it can only be enabled when the
#   account is created.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable
# custom:
#   id: WARD-AZURE-0008
#   severity: LOW
#   remediation: Set infrastructure_encryption_enabled = true when creating the account.
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     cis-azure: ["3.2"]
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.storage_no_infrastructure_encryption

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s does not use infrastructure (double) encryption", [cloud.label]), ["infrastructure_encryption_enabled"]) if {
	input.infrastructure_encryption_enabled == false
}
