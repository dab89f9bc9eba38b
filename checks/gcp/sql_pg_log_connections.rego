# METADATA
# title: "Cloud SQL PostgreSQL instance does not log connections"
# description: |
#   log_connections is off by default, so connection attempts, including
#   failed ones, are not recorded.
# related_resources:
#   - https://cloud.google.com/sql/docs/postgres/flags
# custom:
#   id: WARD-GCP-0046
#   severity: MEDIUM
#   remediation: "Add the database flag log_connections = on."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.2.2"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.sql_pg_log_connections

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s sets log_connections to %s: connections are not logged", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("POSTGRES")
	f := gcp.flag("log_connections")
	f[1] in {"0", "false", "off"}
}

deny contains cloud.result(sprintf("Cloud SQL PostgreSQL instance %s does not set log_connections: connections are not logged", [cloud.label]), ["database_flags"]) if {
	gcp.engine("POSTGRES")
	gcp.flag_absent("log_connections")
}
