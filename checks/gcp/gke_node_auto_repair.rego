# METADATA
# title: "GKE node pool disables auto-repair"
# description: |
#   Without auto-repair, nodes that fail health checks stay in the pool until
#   someone repairs them.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair
# custom:
#   id: WARD-GCP-0073
#   severity: MEDIUM
#   remediation: "Set management.auto_repair = true."
#   input:
#     type: cloud
#     kinds: [google.container.node_pool]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.gcp.gke_node_auto_repair

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE node pool %s disables node auto-repair", [cloud.label]), ["auto_repair"]) if {
	input.auto_repair == false
}
