# METADATA
# title: "Cloud SQL instance has a public IP address"
# description: |
#   ipv4_enabled (on by default) gives the instance a public IP address;
#   private IP keeps the database off the internet.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/configure-private-ip
# custom:
#   id: WARD-GCP-0043
#   severity: MEDIUM
#   remediation: "Set ip_configuration.ipv4_enabled = false and connect through private_network."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.6"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.sql_public_ip

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL instance %s has a public IP address", [cloud.label]), ["ipv4_enabled"]) if {
	input.ipv4_enabled == true
}
