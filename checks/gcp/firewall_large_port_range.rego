# METADATA
# title: "Firewall rule allows a large port range"
# description: |
#   An ingress allow rule opens a range of more than 30 ports; wide ranges
#   expose services nobody meant to publish.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
# custom:
#   id: WARD-GCP-0010
#   severity: LOW
#   remediation: "Replace the range with the individual ports the targets serve."
#   input:
#     type: cloud
#     kinds: [google.compute.firewall]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.firewall_large_port_range

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Firewall rule %s allows the port range %s", [cloud.label, p]), ["allow", i, "ports"]) if {
	input.direction == "INGRESS"
	input.disabled == false
	some i, a in input.allow
	some p in a.ports
	[lo, hi] := gcp.port_bounds(p)
	hi - lo + 1 > 30
}
