# METADATA
# title: "Cloud SQL SQL Server instance enables external scripts"
# description: |
#   external scripts enabled lets the instance run R and Python scripts
#   outside the database engine's security boundary.
# related_resources:
#   - https://cloud.google.com/sql/docs/sqlserver/flags
# custom:
#   id: WARD-GCP-0058
#   severity: MEDIUM
#   remediation: "Set the database flag \"external scripts enabled\" to off."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.3.1"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.sql_sqlserver_external_scripts

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL SQL Server instance %s sets external scripts enabled to %s: external scripts can run", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("SQLSERVER")
	f := gcp.flag("external scripts enabled")
	f[1] in {"1", "on", "true"}
}
