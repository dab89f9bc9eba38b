# METADATA
# title: "Compute instance disables the Shielded VM vTPM"
# description: |
#   The virtual Trusted Platform Module enables measured boot and protects
#   secrets of the guest; integrity monitoring depends on it.
# related_resources:
#   - https://cloud.google.com/compute/docs/shielded-vm/shielded-vm#vtpm
# custom:
#   id: WARD-GCP-0020
#   severity: LOW
#   remediation: "Remove enable_vtpm = false (it is on by default) from shielded_instance_config."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.8"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.instance_vtpm

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s disables the virtual TPM", [cloud.label]), ["shielded_instance_config", "enable_vtpm"]) if {
	input.shielded_instance_config.enable_vtpm == false
}
