# METADATA
# title: Database server does not enforce SSL
# description: |
#   With ssl_enforcement_enabled false, a PostgreSQL, MySQL or MariaDB server
#   accepts unencrypted connections, exposing credentials and data in transit.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-ssl-connection-security
# custom:
#   id: WARD-AZURE-0038
#   severity: HIGH
#   remediation: Set ssl_enforcement_enabled = true.
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server, azure.database.mysql_server]
#   controls:
#     cis-azure: ["4.3.1", "4.4.1"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.database_ssl_not_enforced

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Database server %s does not enforce SSL connections", [cloud.label]), ["ssl_enforcement_enabled"]) if {
	input.ssl_enforcement_enabled == false
}
