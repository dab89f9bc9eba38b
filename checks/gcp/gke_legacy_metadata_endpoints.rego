# METADATA
# title: "GKE nodes enable the legacy metadata endpoints"
# description: |
#   disable-legacy-endpoints = false re-enables the v0.1 and v1beta1 metadata
#   endpoints, which do not require the Metadata-Flavor header and so can be
#   reached through SSRF.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata#disable-legacy-apis
# custom:
#   id: WARD-GCP-0077
#   severity: MEDIUM
#   remediation: "Remove disable-legacy-endpoints from the node metadata, or set it to \"true\"."
#   input:
#     type: cloud
#     kinds: [google.container.cluster, google.container.node_pool]
#   controls:
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.gke_legacy_metadata_endpoints

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s %s enables the legacy metadata endpoints", [what, cloud.label]), ["node_config", "disable_legacy_endpoints"]) if {
	input.node_config.disable_legacy_endpoints in {"false", "0"}
}

what := "GKE node pool" if "auto_repair" in object.keys(input)

else := "GKE cluster default node pool"
