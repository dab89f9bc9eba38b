# METADATA
# title: Network security rule allows outbound traffic to any address
# description: |
#   An outbound Allow rule to any address lets compromised workloads
#   exfiltrate data or reach command-and-control servers anywhere on the
#   internet.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
# custom:
#   id: WARD-AZURE-0018
#   severity: LOW
#   remediation: Restrict destination_address_prefix(es) of outbound Allow rules to the services the workload needs (service tags or address ranges).
#   input:
#     type: cloud
#     kinds: [azure.network.security_group, azure.network.security_rule]
#   controls:
#     pci-dss-4.0: ["1.3.2"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.network_egress_to_internet

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security rule of %s allows outbound traffic to any address", [cloud.label]), array.concat(p, dp)) if {
	some [p, r] in azure.rules
	azure.outbound_allow(r)
	some dp in azure.public_destinations(r)
}
