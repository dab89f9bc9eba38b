# METADATA
# title: "GKE nodes use the default service account"
# description: |
#   Nodes without a service_account run as the Compute Engine default service
#   account, which often holds the Editor role; any pod that reaches the
#   metadata server gets its token.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa
# custom:
#   id: WARD-GCP-0072
#   severity: MEDIUM
#   remediation: "Create a minimal node service account (roles/container.defaultNodeServiceAccount) and set node_config.service_account (and cluster_autoscaling.auto_provisioning_defaults.service_account)."
#   input:
#     type: cloud
#     kinds: [google.container.cluster, google.container.node_pool]
#   controls:
#     pci-dss-4.0: ["2.2.2", "7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.gcp.gke_node_default_service_account

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s default node pool uses the default service account", [cloud.label]), ["node_config", "service_account"]) if {
	not is_node_pool
	input.node_config.configured == true
	input.remove_default_node_pool == false
	default_sa(input.node_config.service_account)
}

deny contains cloud.result(sprintf("GKE cluster %s auto-provisions nodes with the default service account", [cloud.label]), ["autoprovisioning", "service_account"]) if {
	input.autoprovisioning.configured == true
	default_sa(input.autoprovisioning.service_account)
}

deny contains cloud.result(sprintf("GKE node pool %s uses the default service account", [cloud.label]), ["node_config", "service_account"]) if {
	is_node_pool
	default_sa(input.node_config.service_account)
}

is_node_pool if "auto_repair" in object.keys(input)

default_sa(s) if s in {"", "default"}

default_sa(s) if gcp.default_service_account(s)
