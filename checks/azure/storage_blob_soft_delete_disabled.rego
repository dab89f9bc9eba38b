# METADATA
# title: Storage account without blob soft delete
# description: |
#   Without a blob delete retention policy, deleted or overwritten blobs
#   cannot be recovered after an accidental or malicious deletion.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/blobs/soft-delete-blob-overview
# custom:
#   id: WARD-AZURE-0010
#   severity: MEDIUM
#   remediation: Declare blob_properties { delete_retention_policy { days = 7 } } (or longer).
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     cis-azure: ["3.11"]
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.azure.storage_blob_soft_delete_disabled

import data.ward.lib.cloud
import rego.v1

has_blobs if not lower(input.account_kind) in {"filestorage"}

deny contains cloud.result(sprintf("Storage account %s does not keep deleted blobs (soft delete disabled)", [cloud.label]), ["blob_soft_delete", "enabled"]) if {
	has_blobs
	input.blob_soft_delete.enabled == false
}

deny contains cloud.result(sprintf("Storage account %s keeps deleted blobs for %d days", [cloud.label, input.blob_soft_delete.days]), ["blob_soft_delete", "days"]) if {
	has_blobs
	input.blob_soft_delete.enabled == true
	input.blob_soft_delete.days < 1
}
