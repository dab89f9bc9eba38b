# METADATA
# title: "Compute instance disables Shielded VM integrity monitoring"
# description: |
#   Integrity monitoring compares each boot against a trusted baseline and
#   reports changes that could come from boot-level malware.
# related_resources:
#   - https://cloud.google.com/compute/docs/shielded-vm/shielded-vm#integrity-monitoring
# custom:
#   id: WARD-GCP-0021
#   severity: LOW
#   remediation: "Remove enable_integrity_monitoring = false (it is on by default) from shielded_instance_config."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.8"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.instance_integrity_monitoring

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s disables integrity monitoring", [cloud.label]), ["shielded_instance_config", "enable_integrity_monitoring"]) if {
	input.shielded_instance_config.enable_integrity_monitoring == false
}
