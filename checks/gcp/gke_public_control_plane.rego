# METADATA
# title: "GKE control plane is open to the internet"
# description: |
#   master_authorized_networks_config lists 0.0.0.0/0 (or allows all Google
#   Cloud public IPs), so the Kubernetes API is reachable from anywhere.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# custom:
#   id: WARD-GCP-0060
#   severity: HIGH
#   remediation: "List only trusted CIDR blocks, and consider a private endpoint."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.gke_public_control_plane

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s authorizes %s to reach the control plane", [cloud.label, c.cidr_block]), ["master_authorized_cidrs", i, "cidr_block"]) if {
	some i, c in input.master_authorized_cidrs
	cloud.public_cidr(c.cidr_block)
}

deny contains cloud.result(sprintf("GKE cluster %s lets all Google Cloud public IPs reach the control plane", [cloud.label]), ["gcp_public_cidrs_access_enabled"]) if {
	input.gcp_public_cidrs_access_enabled == true
}
