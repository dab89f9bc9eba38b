# METADATA
# title: "Compute instance boot disk is not encrypted with a customer key"
# description: |
#   The boot disk created with the instance uses Google-managed encryption
#   keys; a Cloud KMS key (CMEK) or a customer-supplied key lets you control
#   and revoke access to the data.
# related_resources:
#   - https://cloud.google.com/compute/docs/disks/customer-managed-encryption
# custom:
#   id: WARD-GCP-0023
#   severity: LOW
#   remediation: "Set boot_disk.kms_key_self_link to a Cloud KMS key."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.instance_boot_disk_cmek

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s has a boot disk without a customer-managed key", [cloud.label]), ["boot_disk", "kms_key_self_link"]) if {
	d := input.boot_disk
	d.source == ""
	d.kms_key_self_link == ""
	d.raw_key_set == false
	d.rsa_key_set == false
}
