# METADATA
# title: AKS cluster without the Azure Policy add-on
# description: |
#   The Azure Policy add-on enforces and audits pod security and other
#   guardrails at admission; without it cluster workloads are not governed by
#   policy.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/use-azure-policy
# custom:
#   id: WARD-AZURE-0050
#   severity: LOW
#   remediation: Set azure_policy_enabled = true.
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.azure.aks_azure_policy_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s does not enable the Azure Policy add-on", [cloud.label]), ["azure_policy_enabled"]) if {
	input.azure_policy_enabled == false
}
