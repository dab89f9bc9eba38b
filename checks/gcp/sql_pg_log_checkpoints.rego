# METADATA
# title: "Cloud SQL PostgreSQL instance does not log checkpoints"
# description: |
#   log_checkpoints = off (or unset before PostgreSQL 15, where the default
#   is off) hides checkpoints and restart points, which help diagnose
#   performance and recovery issues.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: WARD-GCP-0048
#   severity: LOW
#   remediation: "Set the database flag log_checkpoints to on."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.sql_pg_log_checkpoints

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s sets log_checkpoints to %s: checkpoints are not logged", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("POSTGRES")
	f := gcp.flag("log_checkpoints")
	f[1] in {"0", "false", "off"}
}

# Before PostgreSQL 15 the server default of log_checkpoints is off.
deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s (%s) does not set log_checkpoints, which is off by default before PostgreSQL 15: checkpoints are not logged", [cloud.label, input.database_version]), ["database_flags"]) if {
	gcp.engine("POSTGRES")
	gcp.flag_absent("log_checkpoints")
	pre15(input.database_version)
}

pre15(v) if {
	parts := split(upper(v), "_")
	count(parts) >= 2
	major := to_number(parts[1])
	major < 15
}
