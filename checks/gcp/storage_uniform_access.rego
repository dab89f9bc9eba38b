# METADATA
# title: "Cloud Storage bucket does not use uniform bucket-level access"
# description: |
#   Without uniform bucket-level access, object ACLs can grant access that the
#   bucket's IAM policy does not show, which makes access hard to audit and
#   easy to open by mistake.
# related_resources:
#   - https://cloud.google.com/storage/docs/uniform-bucket-level-access
# custom:
#   id: WARD-GCP-0002
#   severity: MEDIUM
#   remediation: "Set uniform_bucket_level_access = true."
#   input:
#     type: cloud
#     kinds: [google.storage.bucket]
#   controls:
#     cis-gcp: ["5.2"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.gcp.storage_uniform_access

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud Storage bucket %s does not enforce uniform bucket-level access", [cloud.label]), ["uniform_bucket_level_access"]) if {
	input.uniform_bucket_level_access == false
}
