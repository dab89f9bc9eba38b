# METADATA
# title: "Cloud SQL PostgreSQL instance logs statement text by duration"
# description: |
#   log_min_duration_statement other than -1 writes the full text of slow
#   statements to the logs, which can include sensitive data.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: WARD-GCP-0051
#   severity: LOW
#   remediation: "Set the database flag log_min_duration_statement to -1 (or remove it)."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.2.7"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.sql_pg_log_min_duration_statement

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s sets log_min_duration_statement to %s", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("POSTGRES")
	f := gcp.flag("log_min_duration_statement")
	f[1] != "-1"
}
