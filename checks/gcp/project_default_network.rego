# METADATA
# title: "Project is created with the default network"
# description: |
#   google_project creates the default network unless auto_create_network =
#   false; it comes with permissive firewall rules (SSH and RDP from anywhere,
#   all internal traffic).
# related_resources:
#   - https://cloud.google.com/vpc/docs/vpc#default-network
# custom:
#   id: WARD-GCP-0032
#   severity: MEDIUM
#   remediation: "Set auto_create_network = false and create custom-mode networks."
#   input:
#     type: cloud
#     kinds: [google.project.project]
#   controls:
#     cis-gcp: ["3.1"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.project_default_network

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Project %s is created with the default network", [cloud.label]), ["auto_create_network"]) if {
	input.auto_create_network == true
}
