# METADATA
# title: "GKE node pool disables auto-upgrade"
# description: |
#   Without auto-upgrade, nodes fall behind the control plane and miss
#   security patches.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades
# custom:
#   id: WARD-GCP-0074
#   severity: MEDIUM
#   remediation: "Set management.auto_upgrade = true."
#   input:
#     type: cloud
#     kinds: [google.container.node_pool]
#   controls:
#     pci-dss-4.0: ["6.3.3"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.8"]
package ward.gcp.gke_node_auto_upgrade

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE node pool %s disables node auto-upgrade", [cloud.label]), ["auto_upgrade"]) if {
	input.auto_upgrade == false
}
