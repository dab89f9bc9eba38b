# METADATA
# title: Network interface has a public IP address
# description: |
#   A public IP address on a virtual machine network interface makes the
#   machine directly reachable from the internet; inbound access should go
#   through a load balancer, Application Gateway or Azure Bastion.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/ip-services/public-ip-addresses
# custom:
#   id: WARD-AZURE-0022
#   severity: MEDIUM
#   remediation: Remove public_ip_address_id from the ip_configuration and publish services through a load balancer or Bastion.
#   input:
#     type: cloud
#     kinds: [azure.network.interface]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.network_nic_public_ip

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Network interface %s has a public IP address", [cloud.label]), ["public_ip"]) if {
	input.public_ip == true
}
