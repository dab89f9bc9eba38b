# METADATA
# title: "Firewall rule allows every port"
# description: |
#   An ingress allow rule for TCP, UDP or all protocols names no ports (or
#   0-65535), so every service of the target instances is reachable from its
#   sources.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
# custom:
#   id: WARD-GCP-0009
#   severity: MEDIUM
#   remediation: "List only the ports the targets serve in the allow block's ports."
#   input:
#     type: cloud
#     kinds: [google.compute.firewall]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.firewall_all_ports

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Firewall rule %s allows every %s port", [cloud.label, a.protocol]), ["allow", i, "ports"]) if {
	input.direction == "INGRESS"
	input.disabled == false
	some i, a in input.allow
	a.protocol in {"tcp", "udp", "sctp", "all", "6", "17"}
	gcp.all_ports(a.ports)
}
