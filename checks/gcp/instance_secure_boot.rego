# METADATA
# title: "Compute instance does not use Shielded VM Secure Boot"
# description: |
#   Secure Boot verifies the signature of every boot component, protecting the
#   instance from boot-level and kernel-level malware and rootkits. It is off
#   unless enabled.
# related_resources:
#   - https://cloud.google.com/compute/docs/shielded-vm/shielded-vm#secure-boot
# custom:
#   id: WARD-GCP-0019
#   severity: LOW
#   remediation: "Use a Shielded VM image and set shielded_instance_config.enable_secure_boot = true."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.8"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.instance_secure_boot

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s does not enable Secure Boot", [cloud.label]), ["shielded_instance_config", "enable_secure_boot"]) if {
	input.shielded_instance_config.enable_secure_boot == false
}
