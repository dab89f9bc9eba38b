# METADATA
# title: "Cloud SQL PostgreSQL instance does not log all temporary files"
# description: |
#   log_temp_files is -1 (disabled) by default; 0 logs every temporary file,
#   which reveals expensive queries and possible resource exhaustion.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: WARD-GCP-0050
#   severity: LOW
#   remediation: "Add the database flag log_temp_files = 0."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.sql_pg_log_temp_files

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s sets log_temp_files to %s: not every temporary file is logged", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("POSTGRES")
	f := gcp.flag("log_temp_files")
	f[1] != "0"
}

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s does not set log_temp_files: temporary files are not logged", [cloud.label]), ["database_flags"]) if {
	gcp.engine("POSTGRES")
	gcp.flag_absent("log_temp_files")
}
