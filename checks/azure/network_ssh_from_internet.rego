# METADATA
# title: Network security group allows SSH from the internet
# description: |
#   An inbound Allow rule from any address (*, 0.0.0.0/0, Internet, Any) to
#   port 22 exposes SSH to brute-force and exploitation from the whole
#   internet. Inline security_rule blocks and separate
#   azurerm_network_security_rule resources are checked.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
# custom:
#   id: WARD-AZURE-0013
#   severity: CRITICAL
#   remediation: Restrict the source of rules allowing port 22 to known address ranges, or use Azure Bastion / just-in-time access.
#   input:
#     type: cloud
#     kinds: [azure.network.security_group, azure.network.security_rule]
#   controls:
#     cis-azure: ["6.2"]
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.network_ssh_from_internet

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security rule of %s allows SSH (port 22) from the internet", [cloud.label]), array.concat(p, pp)) if {
	some [p, r] in azure.rules
	azure.exposed(r)
	azure.tcp(r)
	some [pp, s] in azure.port_specs(r)
	azure.port_covers(s, 22)
}
