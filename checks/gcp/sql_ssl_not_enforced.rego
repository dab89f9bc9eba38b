# METADATA
# title: "Cloud SQL instance accepts unencrypted connections"
# description: |
#   Without ssl_mode ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED (or
#   the legacy require_ssl), clients may connect without TLS and credentials
#   and data cross the network in clear text.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/configure-ssl-instance
# custom:
#   id: WARD-GCP-0044
#   severity: HIGH
#   remediation: "Set ip_configuration.ssl_mode = \"ENCRYPTED_ONLY\" (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED)."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.4"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.sql_ssl_not_enforced

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL instance %s allows unencrypted connections", [cloud.label]), ["ssl_mode"]) if {
	input.ssl_mode == "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
}

deny contains cloud.result(sprintf("Cloud SQL instance %s does not require SSL", [cloud.label]), ["require_ssl"]) if {
	input.ssl_mode == ""
	input.require_ssl == false
}
