# METADATA
# title: "Firewall rule allows egress to the internet"
# description: |
#   An egress allow rule sends traffic to 0.0.0.0/0 (or to every destination),
#   which lets a compromised instance exfiltrate data or reach command-and-
#   control hosts.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
# custom:
#   id: WARD-GCP-0012
#   severity: LOW
#   remediation: "Restrict destination_ranges to the networks the instances must reach, and deny other egress."
#   input:
#     type: cloud
#     kinds: [google.compute.firewall]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.firewall_public_egress

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Firewall rule %s allows egress to the internet", [cloud.label]), ["destination_ranges"]) if {
	public_egress
	count(input.allow) > 0
}

public_egress if {
	input.direction == "EGRESS"
	input.disabled == false
	some r in input.destination_ranges
	cloud.public_cidr(r)
}

public_egress if {
	input.direction == "EGRESS"
	input.disabled == false
	count(input.destination_ranges) == 0
}
