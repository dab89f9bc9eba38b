# METADATA
# title: "Cloud Storage bucket versioning is disabled"
# description: |
#   Without object versioning, overwritten or deleted objects cannot be
#   recovered.
# related_resources:
#   - https://cloud.google.com/storage/docs/object-versioning
# custom:
#   id: WARD-GCP-0005
#   severity: LOW
#   remediation: "Add versioning { enabled = true } (and a lifecycle rule for old versions)."
#   input:
#     type: cloud
#     kinds: [google.storage.bucket]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.gcp.storage_bucket_versioning

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud Storage bucket %s does not keep object versions", [cloud.label]), ["versioning_enabled"]) if {
	input.versioning_enabled == false
}
