# METADATA
# title: "Cloud DNS zone signs with RSASHA1"
# description: |
#   DNSSEC keys using the RSASHA1 algorithm rely on SHA-1, which is no longer
#   considered secure for signatures.
# related_resources:
#   - https://cloud.google.com/dns/docs/dnssec-config
# custom:
#   id: WARD-GCP-0081
#   severity: MEDIUM
#   remediation: "Use rsasha256, rsasha512, ecdsap256sha256 or ecdsap384sha384 in dnssec_config.default_key_specs."
#   input:
#     type: cloud
#     kinds: [google.dns.managed_zone]
#   controls:
#     cis-gcp: ["3.4", "3.5"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.dns_rsasha1

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud DNS zone %s uses RSASHA1 for its %s key", [cloud.label, k.key_type]), ["key_specs", i, "algorithm"]) if {
	some i, k in input.key_specs
	k.algorithm == "rsasha1"
}
