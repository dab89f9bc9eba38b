# METADATA
# title: "Compute instance accepts project-wide SSH keys"
# description: |
#   Project-wide SSH keys log in to every instance of the project; a key
#   leaked from one team then opens all instances. block-project-ssh-keys
#   limits the instance to its own keys.
# related_resources:
#   - https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys
# custom:
#   id: WARD-GCP-0016
#   severity: MEDIUM
#   remediation: "Set metadata block-project-ssh-keys = true (or use OS Login)."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.3"]
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.gcp.instance_project_ssh_keys

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s accepts project-wide SSH keys", [cloud.label]), ["metadata", "block_project_ssh_keys"]) if {
	input.metadata.block_project_ssh_keys == false
}
