# METADATA
# title: "Cloud SQL PostgreSQL instance logs only severe messages"
# description: |
#   log_min_messages above WARNING (ERROR, LOG, FATAL, PANIC) drops warnings
#   and errors that are needed to investigate incidents.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: WARD-GCP-0052
#   severity: LOW
#   remediation: "Set the database flag log_min_messages to WARNING (the default) or a more verbose level."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.2.5"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.sql_pg_log_min_messages

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s sets log_min_messages to %s: warnings are not logged", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("POSTGRES")
	f := gcp.flag("log_min_messages")
	f[1] in {"error", "fatal", "log", "panic"}
}
