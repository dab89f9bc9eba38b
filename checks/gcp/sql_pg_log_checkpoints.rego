# METADATA
# title: "Cloud SQL PostgreSQL instance disables checkpoint logging"
# description: |
#   log_checkpoints = off hides checkpoints and restart points, which help
#   diagnose performance and recovery issues.
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
