# METADATA
# title: Network security rule allows inbound traffic from any address
# description: |
#   An inbound Allow rule whose source is any address (*, 0.0.0.0/0, Internet,
#   Any) opens the destination to the whole internet; public entry points
#   belong behind a load balancer, Application Gateway or Front Door with a
#   restricted rule set.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
# custom:
#   id: WARD-AZURE-0017
#   severity: MEDIUM
#   remediation: Restrict source_address_prefix(es) to the address ranges that need access.
#   input:
#     type: cloud
#     kinds: [azure.network.security_group, azure.network.security_rule]
#   controls:
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.network_ingress_from_internet

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security rule of %s allows inbound traffic from any address", [cloud.label]), array.concat(p, sp)) if {
	some [p, r] in azure.rules
	azure.inbound_allow(r)
	some sp in azure.public_sources(r)
}
