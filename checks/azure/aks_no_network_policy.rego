# METADATA
# title: AKS cluster has no network policy
# description: |
#   Without a network policy engine (azure, calico or cilium), Kubernetes
#   NetworkPolicy objects are not enforced and every pod can reach every other
#   pod.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/use-network-policies
# custom:
#   id: WARD-AZURE-0048
#   severity: MEDIUM
#   remediation: Set network_profile { network_plugin = "azure" network_policy = "azure" } (or calico / cilium).
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["1.2.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.22"]
package ward.azure.aks_no_network_policy

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s enforces no network policy", [cloud.label]), ["network_policy"]) if {
	input.network_policy == ""
}
