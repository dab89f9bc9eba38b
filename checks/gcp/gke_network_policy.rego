# METADATA
# title: "GKE cluster does not enforce network policies"
# description: |
#   Without the network policy add-on or Dataplane V2, Kubernetes
#   NetworkPolicy objects are not enforced and every pod can reach every other
#   pod.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy
# custom:
#   id: WARD-GCP-0065
#   severity: MEDIUM
#   remediation: "Set datapath_provider = \"ADVANCED_DATAPATH\" (Dataplane V2), or network_policy { enabled = true } with addons_config.network_policy_config."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["1.2.1", "1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.22"]
package ward.gcp.gke_network_policy

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s does not enforce network policies", [cloud.label]), ["network_policy_enabled"]) if {
	input.network_policy_enabled == false
	input.enable_autopilot == false
	is_string(input.datapath_provider)
	upper(input.datapath_provider) != "ADVANCED_DATAPATH"
}
