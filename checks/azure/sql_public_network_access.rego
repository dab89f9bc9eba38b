# METADATA
# title: SQL server is reachable from public networks
# description: |
#   With public network access enabled (the default), the server accepts
#   connections from the internet subject only to its firewall rules; private
#   endpoints keep it off the internet.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access
# custom:
#   id: WARD-AZURE-0029
#   severity: MEDIUM
#   remediation: Set public_network_access_enabled = false and connect through private endpoints.
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.sql_public_network_access

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s allows public network access", [cloud.label]), ["public_network_access_enabled"]) if {
	input.public_network_access_enabled == true
}
