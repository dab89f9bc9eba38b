# METADATA
# title: AKS cluster allows local accounts
# description: |
#   Local (static) cluster admin credentials bypass Microsoft Entra ID
#   authentication, cannot be audited per user and stay valid until rotated.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad
# custom:
#   id: WARD-AZURE-0053
#   severity: MEDIUM
#   remediation: Set local_account_disabled = true and use Entra ID integration.
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["8.2.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.16"]
package ward.azure.aks_local_accounts_enabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s allows local accounts", [cloud.label]), ["local_account_disabled"]) if {
	input.local_account_disabled == false
}
