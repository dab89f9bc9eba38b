# METADATA
# title: "Firewall rule allows RDP from the internet"
# description: |
#   An ingress rule opens TCP port 3389 (RDP) to 0.0.0.0/0 (or to every
#   source), exposing remote administration to brute force and exploits from
#   the whole internet.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
# custom:
#   id: WARD-GCP-0007
#   severity: HIGH
#   remediation: "Restrict source_ranges to trusted networks, or reach instances through Identity-Aware Proxy TCP forwarding (35.235.240.0/20)."
#   input:
#     type: cloud
#     kinds: [google.compute.firewall]
#   controls:
#     cis-gcp: ["3.7"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.firewall_public_rdp

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Firewall rule %s allows RDP (TCP 3389) from the internet", [cloud.label]), ["source_ranges"]) if {
	gcp.public_ingress
	some a in input.allow
	gcp.tcp_protocol(a.protocol)
	gcp.port_open(a.ports, 3389)
}
