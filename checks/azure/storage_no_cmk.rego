# METADATA
# title: Storage account not encrypted with a customer-managed key
# description: |
#   Storage data is encrypted with Microsoft-managed keys unless a customer-
#   managed Key Vault key is configured, which leaves key rotation and
#   revocation outside your control.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/customer-managed-keys-overview
# custom:
#   id: WARD-AZURE-0009
#   severity: LOW
#   remediation: Add a customer_managed_key block (or azurerm_storage_account_customer_managed_key) referencing a Key Vault key.
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     cis-azure: ["3.12"]
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.storage_no_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s is not encrypted with a customer-managed key", [cloud.label]), ["customer_managed_key"]) if {
	input.customer_managed_key == false
}
