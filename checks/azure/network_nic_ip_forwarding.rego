# METADATA
# title: Network interface forwards IP traffic
# description: |
#   With IP forwarding enabled a network interface accepts and routes traffic
#   not addressed to it, letting the machine act as a router that can bypass
#   network security group segmentation. Only network virtual appliances need
#   it.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/virtual-network-network-interface#enable-or-disable-ip-forwarding
# custom:
#   id: WARD-AZURE-0021
#   severity: MEDIUM
#   remediation: Set ip_forwarding_enabled = false (enable_ip_forwarding before provider v4) unless the machine is a network virtual appliance.
#   input:
#     type: cloud
#     kinds: [azure.network.interface]
#   controls:
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.network_nic_ip_forwarding

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Network interface %s has IP forwarding enabled", [cloud.label]), ["ip_forwarding_enabled"]) if {
	input.ip_forwarding_enabled == true
}
