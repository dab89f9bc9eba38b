# METADATA
# title: AKS cluster has Kubernetes RBAC disabled
# description: |
#   Without Kubernetes role-based access control every authenticated user and
#   service account can do anything in the cluster.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/concepts-identity
# custom:
#   id: WARD-AZURE-0046
#   severity: HIGH
#   remediation: Set role_based_access_control_enabled = true (the default).
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15"]
package ward.azure.aks_rbac_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s has Kubernetes RBAC disabled", [cloud.label]), ["role_based_access_control_enabled"]) if {
	input.role_based_access_control_enabled == false
}
