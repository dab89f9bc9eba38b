# METADATA
# title: "Persistent disk is not encrypted with a customer key"
# description: |
#   The disk uses Google-managed encryption keys; a Cloud KMS key (CMEK) or a
#   customer-supplied key lets you control and revoke access to the data.
# related_resources:
#   - https://cloud.google.com/compute/docs/disks/customer-managed-encryption
# custom:
#   id: WARD-GCP-0025
#   severity: LOW
#   remediation: "Add disk_encryption_key { kms_key_self_link = ... }."
#   input:
#     type: cloud
#     kinds: [google.compute.disk]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.disk_cmek

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Disk %s has no customer-managed encryption key", [cloud.label]), ["disk_encryption_key", "kms_key_self_link"]) if {
	k := input.disk_encryption_key
	k.kms_key_self_link == ""
	k.raw_key_set == false
	k.rsa_key_set == false
}
