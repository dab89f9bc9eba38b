# METADATA
# title: SQL auditing keeps logs less than 90 days
# description: |
#   An auditing policy keeping logs fewer than 90 days (0 means forever)
#   deletes them before most investigations need them.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview
# custom:
#   id: WARD-AZURE-0032
#   severity: MEDIUM
#   remediation: Set retention_in_days to 90 or more (or 0 to keep logs indefinitely).
#   input:
#     type: cloud
#     kinds: [azure.sql.server, azure.sql.auditing_policy]
#   controls:
#     cis-azure: ["4.1.6"]
#     pci-dss-4.0: ["10.5.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.sql_audit_retention

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s keeps audit logs %d days, less than 90", [cloud.label, input.auditing_retention_days]), ["auditing_retention_days"]) if {
	input.auditing_enabled == true
	input.auditing_retention_days > 0
	input.auditing_retention_days < 90
}

deny contains cloud.result(sprintf("SQL auditing policy %s keeps audit logs %d days, less than 90", [cloud.label, input.retention_in_days]), ["retention_in_days"]) if {
	input.enabled == true
	input.retention_in_days > 0
	input.retention_in_days < 90
}
