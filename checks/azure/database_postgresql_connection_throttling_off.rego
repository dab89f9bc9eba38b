# METADATA
# title: PostgreSQL server parameter connection_throttling is off
# description: |
#   With the server parameter connection_throttling off, repeated failed
#   logins from an address are not throttled, easing brute-force attacks. This
#   checks azurerm_postgresql_configuration resources of single servers; the
#   Azure default on applies when the parameter is not set.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-server-parameters
# custom:
#   id: WARD-AZURE-0045
#   severity: MEDIUM
#   remediation: Set the connection_throttling parameter to on with azurerm_postgresql_configuration.
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server]
#   controls:
#     cis-azure: ["4.3.5"]
#     pci-dss-4.0: ["8.3.4"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.azure.database_postgresql_connection_throttling_off

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

param_value := v if {
	some p in input.parameters
	p.name == "connection_throttling"
	v := p.value
}

deny contains cloud.result(sprintf("PostgreSQL server %s sets connection_throttling to %s", [cloud.label, param_value]), ["parameters", i, "value"]) if {
	some i, p in input.parameters
	p.name == "connection_throttling"
	azure.eq(p.value, "off")
}
