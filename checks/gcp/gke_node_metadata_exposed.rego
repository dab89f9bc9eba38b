# METADATA
# title: "GKE nodes expose the Compute Engine metadata server to pods"
# description: |
#   workload_metadata_config mode GCE_METADATA (or the legacy EXPOSE) lets
#   pods read the node's metadata, including its service account token and
#   kube-env credentials.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata
# custom:
#   id: WARD-GCP-0076
#   severity: MEDIUM
#   remediation: "Set node_config.workload_metadata_config.mode = \"GKE_METADATA\" (requires Workload Identity)."
#   input:
#     type: cloud
#     kinds: [google.container.cluster, google.container.node_pool]
#   controls:
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.gke_node_metadata_exposed

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s %s exposes the node metadata server to pods", [what, cloud.label]), ["node_config", "workload_metadata_mode"]) if {
	m := input.node_config.workload_metadata_mode
	is_string(m)
	upper(m) in {"GCE_METADATA", "EXPOSE"}
}

what := "GKE node pool" if "auto_repair" in object.keys(input)

else := "GKE cluster default node pool"
