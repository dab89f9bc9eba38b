# METADATA
# title: Network security group allows all ports from the internet
# description: |
#   An inbound Allow rule from any address to every port (*, 0-65535) exposes
#   every service listening on the attached machines to the internet.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
# custom:
#   id: WARD-AZURE-0015
#   severity: CRITICAL
#   remediation: Allow only the ports the workload serves, from the address ranges that need them.
#   input:
#     type: cloud
#     kinds: [azure.network.security_group, azure.network.security_rule]
#   controls:
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.network_all_ports_from_internet

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security rule of %s allows all ports from the internet", [cloud.label]), array.concat(p, pp)) if {
	some [p, r] in azure.rules
	azure.exposed(r)
	some [pp, s] in azure.port_specs(r)
	azure.all_ports(s)
}
