# METADATA
# title: Database server is reachable from public networks
# description: |
#   With public network access enabled (the default) the PostgreSQL, MySQL or
#   MariaDB server accepts connections from the internet subject only to its
#   firewall rules.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-data-access-and-security-private-link
# custom:
#   id: WARD-AZURE-0040
#   severity: MEDIUM
#   remediation: Set public_network_access_enabled = false and connect through private endpoints.
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server, azure.database.mysql_server]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.database_public_network_access

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Database server %s allows public network access", [cloud.label]), ["public_network_access_enabled"]) if {
	input.public_network_access_enabled == true
}
