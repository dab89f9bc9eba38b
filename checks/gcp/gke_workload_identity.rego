# METADATA
# title: "GKE cluster does not use Workload Identity"
# description: |
#   Without Workload Identity, pods that need Google APIs use the node's
#   service account (shared by every pod on the node) or exported service
#   account keys.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
# custom:
#   id: WARD-GCP-0071
#   severity: MEDIUM
#   remediation: "Add workload_identity_config { workload_pool = \"<project>.svc.id.goog\" } and set node pools' workload_metadata_config.mode = GKE_METADATA."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.gke_workload_identity

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s does not use Workload Identity", [cloud.label]), ["workload_pool"]) if {
	input.workload_pool == ""
	input.enable_autopilot == false
}
