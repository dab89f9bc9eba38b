# METADATA
# title: PostgreSQL server parameter log_disconnections is off
# description: |
#   With the server parameter log_disconnections off, session ends and
#   durations are not logged. This checks azurerm_postgresql_configuration
#   resources of single servers; the Azure default is off, so the parameter
#   must be set.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-server-parameters
# custom:
#   id: WARD-AZURE-0044
#   severity: MEDIUM
#   remediation: Set the log_disconnections parameter to on with azurerm_postgresql_configuration.
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server]
#   controls:
#     cis-azure: ["4.3.4"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.database_postgresql_log_disconnections_off

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

param_value := v if {
	some p in input.parameters
	p.name == "log_disconnections"
	v := p.value
}

deny contains cloud.result(sprintf("PostgreSQL server %s sets log_disconnections to %s", [cloud.label, param_value]), ["parameters", i, "value"]) if {
	some i, p in input.parameters
	p.name == "log_disconnections"
	azure.eq(p.value, "off")
}

deny contains cloud.result(sprintf("PostgreSQL server %s does not set log_disconnections (Azure default off)", [cloud.label]), ["parameters"]) if {
	not param_value
}
