# METADATA
# title: "Cloud Storage bucket is not encrypted with a customer-managed key"
# description: |
#   Objects are encrypted with Google-managed keys; with a Cloud KMS key
#   (CMEK) you control rotation, access and revocation of the key.
# related_resources:
#   - https://cloud.google.com/storage/docs/encryption/customer-managed-keys
# custom:
#   id: WARD-GCP-0003
#   severity: LOW
#   remediation: "Set encryption.default_kms_key_name to a Cloud KMS key the Cloud Storage service agent may use."
#   input:
#     type: cloud
#     kinds: [google.storage.bucket]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.storage_bucket_cmek

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud Storage bucket %s has no default customer-managed encryption key", [cloud.label]), ["encryption", "default_kms_key_name"]) if {
	input.encryption.default_kms_key_name == ""
}
