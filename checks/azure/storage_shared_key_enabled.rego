# METADATA
# title: Storage account allows shared key authorization
# description: |
#   With shared_access_key_enabled true (the default), anyone holding an
#   account key or a key-signed SAS has full access to the data, bypassing
#   Entra ID authorization and its auditing.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/shared-key-authorization-prevent
# custom:
#   id: WARD-AZURE-0012
#   severity: LOW
#   remediation: Set shared_access_key_enabled = false and authorize with Entra ID (storage_use_azuread = true in the provider block).
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     pci-dss-4.0: ["8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.azure.storage_shared_key_enabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s allows shared key authorization", [cloud.label]), ["shared_access_key_enabled"]) if {
	input.shared_access_key_enabled == true
}
