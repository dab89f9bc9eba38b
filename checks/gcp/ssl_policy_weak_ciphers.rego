# METADATA
# title: "SSL policy uses the COMPATIBLE profile"
# description: |
#   The COMPATIBLE profile (the default) enables the widest set of cipher
#   suites, including weak ones such as 3DES and RSA key exchange.
# related_resources:
#   - https://cloud.google.com/load-balancing/docs/ssl-policies-concepts
# custom:
#   id: WARD-GCP-0031
#   severity: MEDIUM
#   remediation: "Use profile MODERN or RESTRICTED, or a CUSTOM profile without weak cipher suites."
#   input:
#     type: cloud
#     kinds: [google.compute.ssl_policy]
#   controls:
#     cis-gcp: ["3.9"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.ssl_policy_weak_ciphers

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SSL policy %s uses the COMPATIBLE profile", [cloud.label]), ["profile"]) if {
	input.profile == "COMPATIBLE"
}
