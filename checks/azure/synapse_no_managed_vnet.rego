# METADATA
# title: Synapse workspace without a managed virtual network
# description: |
#   Without a managed virtual network, Synapse integration runtimes and Spark
#   pools run on shared infrastructure without network isolation or managed
#   private endpoints; it can only be enabled at creation.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/synapse-analytics/security/synapse-workspace-managed-vnet
# custom:
#   id: WARD-AZURE-0076
#   severity: MEDIUM
#   remediation: Set managed_virtual_network_enabled = true when creating the workspace.
#   input:
#     type: cloud
#     kinds: [azure.synapse.workspace]
#   controls:
#     pci-dss-4.0: ["1.2.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.22"]
package ward.azure.synapse_no_managed_vnet

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Synapse workspace %s does not use a managed virtual network", [cloud.label]), ["managed_virtual_network_enabled"]) if {
	input.managed_virtual_network_enabled == false
}
