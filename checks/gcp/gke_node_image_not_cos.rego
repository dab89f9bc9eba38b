# METADATA
# title: "GKE nodes do not use Container-Optimized OS"
# description: |
#   Container-Optimized OS is a minimal, locked-down image maintained by
#   Google for running containers; general-purpose images have a larger attack
#   surface.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/concepts/node-images
# custom:
#   id: WARD-GCP-0075
#   severity: LOW
#   remediation: "Set node_config.image_type = \"COS_CONTAINERD\"."
#   input:
#     type: cloud
#     kinds: [google.container.cluster, google.container.node_pool]
#   controls:
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.gke_node_image_not_cos

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s %s uses the node image %s", [what, cloud.label, input.node_config.image_type]), ["node_config", "image_type"]) if {
	t := input.node_config.image_type
	is_string(t)
	t != ""
	not startswith(upper(t), "COS")
}

what := "GKE node pool" if "auto_repair" in object.keys(input)

else := "GKE cluster default node pool"
