# METADATA
# title: "Firewall rule allows ingress from the internet"
# description: |
#   An ingress allow rule accepts traffic from 0.0.0.0/0 (or names no source
#   at all, which means every address). Open only the ports a public service
#   needs, to the instances that serve it.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
# custom:
#   id: WARD-GCP-0008
#   severity: MEDIUM
#   remediation: "Restrict source_ranges to known networks, or use source tags or service accounts for internal traffic."
#   input:
#     type: cloud
#     kinds: [google.compute.firewall]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.firewall_public_ingress

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Firewall rule %s allows ingress from the internet", [cloud.label]), ["source_ranges"]) if {
	gcp.public_ingress
	count(input.allow) > 0
}
