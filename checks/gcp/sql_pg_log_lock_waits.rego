# METADATA
# title: "Cloud SQL PostgreSQL instance does not log lock waits"
# description: |
#   log_lock_waits is off by default, so sessions waiting longer than
#   deadlock_timeout for a lock are not logged.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: WARD-GCP-0049
#   severity: LOW
#   remediation: "Add the database flag log_lock_waits = on."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.sql_pg_log_lock_waits

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s sets log_lock_waits to %s: lock waits are not logged", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("POSTGRES")
	f := gcp.flag("log_lock_waits")
	f[1] in {"0", "false", "off"}
}

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s does not set log_lock_waits: lock waits are not logged", [cloud.label]), ["database_flags"]) if {
	gcp.engine("POSTGRES")
	gcp.flag_absent("log_lock_waits")
}
