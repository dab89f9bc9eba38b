# METADATA
# title: "Cloud SQL SQL Server instance allows remote access"
# description: |
#   The remote access option (on by default) lets stored procedures run on
#   remote servers, which can be abused to launch attacks from the instance.
# related_resources:
#   - https://cloud.google.com/sql/docs/sqlserver/flags
# custom:
#   id: WARD-GCP-0057
#   severity: LOW
#   remediation: "Add the database flag \"remote access\" = off."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.3.5"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.sql_sqlserver_remote_access

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL SQL Server instance %s sets remote access to %s: stored procedures may run on remote servers", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("SQLSERVER")
	f := gcp.flag("remote access")
	f[1] in {"1", "on", "true"}
}

deny contains cloud.result(sprintf("Cloud SQL SQL Server instance %s does not set remote access: stored procedures may run on remote servers", [cloud.label]), ["database_flags"]) if {
	gcp.engine("SQLSERVER")
	gcp.flag_absent("remote access")
}
