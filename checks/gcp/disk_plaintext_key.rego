# METADATA
# title: "Disk encryption key is written in plain text"
# description: |
#   A customer-supplied encryption key (raw_key or disk_encryption_key_raw)
#   written in the configuration ends up in version control and in the
#   Terraform state; anyone reading them can decrypt the disk.
# related_resources:
#   - https://cloud.google.com/compute/docs/disks/customer-supplied-encryption
# custom:
#   id: WARD-GCP-0024
#   severity: HIGH
#   remediation: "Use a Cloud KMS key (kms_key_self_link), or pass the key from a secret manager as a sensitive value."
#   input:
#     type: cloud
#     kinds: [google.compute.instance, google.compute.disk]
#   controls:
#     pci-dss-4.0: ["8.3.2", "8.6.3"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.gcp.disk_plaintext_key

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Disk %s has its encryption key in plain text", [cloud.label]), ["disk_encryption_key", "raw_key_set"]) if {
	input.disk_encryption_key.raw_key_set == true
}

deny contains cloud.result(sprintf("Compute instance %s has its boot disk encryption key in plain text", [cloud.label]), ["boot_disk", "raw_key_set"]) if {
	input.boot_disk.raw_key_set == true
}

deny contains cloud.result(sprintf("Compute instance %s has an attached disk encryption key in plain text", [cloud.label]), ["attached_disks", i, "raw_key_set"]) if {
	some i, d in input.attached_disks
	d.raw_key_set == true
}
