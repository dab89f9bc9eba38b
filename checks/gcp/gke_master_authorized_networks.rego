# METADATA
# title: "GKE cluster does not restrict control plane access"
# description: |
#   Without master_authorized_networks_config, the cluster's public endpoint
#   accepts connections from any IP address; only authentication protects the
#   Kubernetes API.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# custom:
#   id: WARD-GCP-0059
#   severity: MEDIUM
#   remediation: "Add master_authorized_networks_config with the CIDR blocks of your administrators and CI."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.gke_master_authorized_networks

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s does not restrict control plane access to authorized networks", [cloud.label]), ["master_authorized_networks_enabled"]) if {
	input.master_authorized_networks_enabled == false
}
