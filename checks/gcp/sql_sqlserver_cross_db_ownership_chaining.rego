# METADATA
# title: "Cloud SQL SQL Server instance does not disable cross-database ownership chaining"
# description: |
#   Cross-database ownership chaining lets a database owner reach objects in
#   other databases through ownership chains; it must be explicitly off unless
#   every database of the instance trusts the others.
# related_resources:
#   - https://cloud.google.com/sql/docs/sqlserver/flags
# custom:
#   id: WARD-GCP-0055
#   severity: MEDIUM
#   remediation: "Add the database flag \"cross db ownership chaining\" = off."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.3.2"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.sql_sqlserver_cross_db_ownership_chaining

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL SQL Server instance %s sets cross db ownership chaining to %s: ownership chains may cross databases", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("SQLSERVER")
	f := gcp.flag("cross db ownership chaining")
	f[1] in {"1", "on", "true"}
}

deny contains cloud.result(sprintf("Cloud SQL SQL Server instance %s does not set cross db ownership chaining: ownership chains may cross databases", [cloud.label]), ["database_flags"]) if {
	gcp.engine("SQLSERVER")
	gcp.flag_absent("cross db ownership chaining")
}
