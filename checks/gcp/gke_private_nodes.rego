# METADATA
# title: "GKE cluster nodes have public IP addresses"
# description: |
#   Without private nodes every node gets an external IP address, exposing
#   kubelets and node ports to the internet subject only to firewall rules.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters
# custom:
#   id: WARD-GCP-0066
#   severity: MEDIUM
#   remediation: "Add private_cluster_config { enable_private_nodes = true } (with Cloud NAT for egress)."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.gke_private_nodes

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s gives its nodes public IP addresses", [cloud.label]), ["private_nodes"]) if {
	input.private_nodes == false
}
