# METADATA
# title: SQL server auditing is not configured
# description: |
#   Without server auditing (an extended_auditing_policy block or
#   azurerm_mssql_server_extended_auditing_policy), database events are not
#   recorded, so misuse and breaches cannot be detected or investigated.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview
# custom:
#   id: WARD-AZURE-0031
#   severity: MEDIUM
#   remediation: Declare azurerm_mssql_server_extended_auditing_policy for the server.
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     cis-azure: ["4.1.1"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.sql_auditing_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s has no auditing", [cloud.label]), ["auditing_enabled"]) if {
	input.auditing_enabled == false
}
