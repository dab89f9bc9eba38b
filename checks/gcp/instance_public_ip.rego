# METADATA
# title: "Compute instance has a public IP address"
# description: |
#   An access_config on a network interface gives the instance an external IP
#   address reachable from the internet, subject only to firewall rules.
# related_resources:
#   - https://cloud.google.com/compute/docs/ip-addresses#externaladdresses
# custom:
#   id: WARD-GCP-0022
#   severity: MEDIUM
#   remediation: "Remove access_config (and ipv6_access_config); reach the instance through a load balancer, Cloud NAT or Identity-Aware Proxy."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.9"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.instance_public_ip

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s has an external IPv4 address", [cloud.label]), ["network_interfaces", i, "public_ip"]) if {
	some i, n in input.network_interfaces
	n.public_ip == true
}

deny contains cloud.result(sprintf("Compute instance %s has an external IPv6 address", [cloud.label]), ["network_interfaces", i, "public_ipv6"]) if {
	some i, n in input.network_interfaces
	n.public_ipv6 == true
}
