# METADATA
# title: PostgreSQL server parameter log_connections is off
# description: |
#   With the server parameter log_connections off, connection attempts,
#   including failed logins, are not logged. This checks
#   azurerm_postgresql_configuration resources of single servers; the Azure
#   default on applies when the parameter is not set.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-server-parameters
# custom:
#   id: WARD-AZURE-0043
#   severity: MEDIUM
#   remediation: Set the log_connections parameter to on with azurerm_postgresql_configuration.
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server]
#   controls:
#     cis-azure: ["4.3.3"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.database_postgresql_log_connections_off

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

param_value := v if {
	some p in input.parameters
	p.name == "log_connections"
	v := p.value
}

deny contains cloud.result(sprintf("PostgreSQL server %s sets log_connections to %s", [cloud.label, param_value]), ["parameters", i, "value"]) if {
	some i, p in input.parameters
	p.name == "log_connections"
	azure.eq(p.value, "off")
}
