# METADATA
# title: "Default firewall rule is defined"
# description: |
#   Rules named default-allow-* (internal, ssh, rdp, icmp) reproduce the
#   permissive rules of the default network: every port between all instances
#   and SSH/RDP from anywhere.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls#more_rules_default_vpc
# custom:
#   id: WARD-GCP-0011
#   severity: LOW
#   remediation: "Delete the default-allow-* rules and write narrow rules for the traffic you need."
#   input:
#     type: cloud
#     kinds: [google.compute.firewall]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.firewall_default_rule

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Firewall rule %s is a default permissive rule", [cloud.label]), ["name"]) if {
	is_string(input.name)
	startswith(input.name, "default-allow-")
}
