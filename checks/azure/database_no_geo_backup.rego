# METADATA
# title: Database server backups are not geo-redundant
# description: |
#   Without geo-redundant backups a regional outage or disaster can make the
#   PostgreSQL, MySQL or MariaDB server unrecoverable.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-backup
# custom:
#   id: WARD-AZURE-0041
#   severity: LOW
#   remediation: Set geo_redundant_backup_enabled = true (it can only be set when the server is created).
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server, azure.database.mysql_server]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.azure.database_no_geo_backup

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Database server %s does not keep geo-redundant backups", [cloud.label]), ["geo_redundant_backup_enabled"]) if {
	input.geo_redundant_backup_enabled == false
}
