# METADATA
# title: "Cloud SQL instance authorizes the whole internet"
# description: |
#   An authorized network of 0.0.0.0/0 lets any address on the internet
#   connect to the instance's public IP; only the database password protects
#   it.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/authorize-networks
# custom:
#   id: WARD-GCP-0042
#   severity: HIGH
#   remediation: "Remove 0.0.0.0/0 from authorized_networks; use private IP or the Cloud SQL Auth Proxy."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.5"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.sql_public_authorized_network

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL instance %s authorizes %s", [cloud.label, n.value]), ["authorized_networks", i, "value"]) if {
	some i, n in input.authorized_networks
	cloud.public_cidr(n.value)
}
