# METADATA
# title: "SSL policy allows TLS versions older than 1.2"
# description: |
#   The SSL policy accepts TLS 1.0 or 1.1 (TLS 1.0 is the default), which have
#   known weaknesses and are deprecated.
# related_resources:
#   - https://cloud.google.com/load-balancing/docs/ssl-policies-concepts
# custom:
#   id: WARD-GCP-0030
#   severity: MEDIUM
#   remediation: "Set min_tls_version = \"TLS_1_2\" (with profile MODERN or RESTRICTED)."
#   input:
#     type: cloud
#     kinds: [google.compute.ssl_policy]
#   controls:
#     cis-gcp: ["3.9"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.ssl_policy_weak_tls

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SSL policy %s allows %s", [cloud.label, input.min_tls_version]), ["min_tls_version"]) if {
	input.min_tls_version in {"TLS_1_0", "TLS_1_1"}
}
