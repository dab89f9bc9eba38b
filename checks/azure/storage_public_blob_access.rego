# METADATA
# title: Storage account allows public blob access
# description: |
#   With allow_nested_items_to_be_public (allow_blob_public_access in older
#   providers) true, the provider default, any container of the account can be
#   made readable anonymously from the internet.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent
# custom:
#   id: WARD-AZURE-0003
#   severity: HIGH
#   remediation: Set allow_nested_items_to_be_public = false and share data with SAS tokens or Entra ID authorization.
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     cis-azure: ["3.7"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.azure.storage_public_blob_access

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s allows anonymous public access to its containers", [cloud.label]), ["allow_nested_items_to_be_public"]) if {
	input.allow_nested_items_to_be_public == true
}
