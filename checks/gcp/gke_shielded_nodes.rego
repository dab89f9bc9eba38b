# METADATA
# title: "GKE cluster disables Shielded GKE nodes"
# description: |
#   Shielded GKE nodes give nodes a verifiable identity and integrity, which
#   prevents an attacker from impersonating a node to obtain cluster
#   credentials.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes
# custom:
#   id: WARD-GCP-0070
#   severity: MEDIUM
#   remediation: "Remove enable_shielded_nodes = false (Shielded nodes are on by default)."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.gke_shielded_nodes

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s disables Shielded GKE nodes", [cloud.label]), ["enable_shielded_nodes"]) if {
	input.enable_shielded_nodes == false
}
