# METADATA
# title: PostgreSQL server parameter log_checkpoints is off
# description: |
#   With the server parameter log_checkpoints off, checkpoints are not logged,
#   hiding I/O and recovery problems. This checks
#   azurerm_postgresql_configuration resources of single servers; the Azure
#   default on applies when the parameter is not set.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-server-parameters
# custom:
#   id: WARD-AZURE-0042
#   severity: LOW
#   remediation: Set the log_checkpoints parameter to on with azurerm_postgresql_configuration.
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server]
#   controls:
#     cis-azure: ["4.3.2"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.database_postgresql_log_checkpoints_off

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

param_value := v if {
	some p in input.parameters
	p.name == "log_checkpoints"
	v := p.value
}

deny contains cloud.result(sprintf("PostgreSQL server %s sets log_checkpoints to %s", [cloud.label, param_value]), ["parameters", i, "value"]) if {
	some i, p in input.parameters
	p.name == "log_checkpoints"
	azure.eq(p.value, "off")
}
