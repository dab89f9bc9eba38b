# METADATA
# title: "Cloud DNS public zone does not use DNSSEC"
# description: |
#   Without DNSSEC, resolvers cannot verify the zone's answers, so DNS
#   spoofing and cache poisoning can redirect users.
# related_resources:
#   - https://cloud.google.com/dns/docs/dnssec-config
# custom:
#   id: WARD-GCP-0080
#   severity: MEDIUM
#   remediation: "Add dnssec_config { state = \"on\" } to public zones."
#   input:
#     type: cloud
#     kinds: [google.dns.managed_zone]
#   controls:
#     cis-gcp: ["3.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.dns_dnssec_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud DNS zone %s does not use DNSSEC", [cloud.label]), ["dnssec_state"]) if {
	input.visibility == "public"
	input.dnssec_state == "off"
}
