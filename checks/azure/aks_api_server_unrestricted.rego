# METADATA
# title: AKS API server is reachable from any address
# description: |
#   A public AKS cluster without API server authorized IP ranges exposes the
#   Kubernetes API to the whole internet; private clusters and authorized
#   ranges restrict who can reach it.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges
# custom:
#   id: WARD-AZURE-0047
#   severity: HIGH
#   remediation: Set api_server_access_profile { authorized_ip_ranges = [...] } or private_cluster_enabled = true.
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.aks_api_server_unrestricted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s API server accepts connections from any address", [cloud.label]), ["api_server_authorized_ip_ranges"]) if {
	input.private_cluster_enabled == false
	input.api_server_authorized_ip_ranges == []
}

deny contains cloud.result(sprintf("AKS cluster %s API server authorizes %s", [cloud.label, c]), ["api_server_authorized_ip_ranges", i]) if {
	input.private_cluster_enabled == false
	some i, c in input.api_server_authorized_ip_ranges
	c in {"0.0.0.0/0", "0.0.0.0/1"}
}
