# METADATA
# title: "Cloud SQL SQL Server instance does not disable contained database authentication"
# description: |
#   Contained databases authenticate their own users, bypassing instance-level
#   logins and policies; the flag must be explicitly off.
# related_resources:
#   - https://cloud.google.com/sql/docs/sqlserver/flags
# custom:
#   id: WARD-GCP-0056
#   severity: MEDIUM
#   remediation: "Add the database flag \"contained database authentication\" = off."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.3.7"]
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.gcp.sql_sqlserver_contained_db_auth

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL SQL Server instance %s sets contained database authentication to %s: contained databases authenticate their own users", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("SQLSERVER")
	f := gcp.flag("contained database authentication")
	f[1] in {"1", "on", "true"}
}

deny contains cloud.result(sprintf("Cloud SQL SQL Server instance %s does not set contained database authentication: contained databases authenticate their own users", [cloud.label]), ["database_flags"]) if {
	gcp.engine("SQLSERVER")
	gcp.flag_absent("contained database authentication")
}
