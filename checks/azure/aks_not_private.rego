# METADATA
# title: AKS cluster API server is public
# description: |
#   A cluster that is not private gives its API server a public endpoint; a
#   private cluster keeps the control plane on the virtual network.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/private-clusters
# custom:
#   id: WARD-AZURE-0051
#   severity: MEDIUM
#   remediation: Set private_cluster_enabled = true.
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.aks_not_private

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s has a public API server endpoint", [cloud.label]), ["private_cluster_enabled"]) if {
	input.private_cluster_enabled == false
}
