# METADATA
# title: "Cloud SQL MySQL instance lets users list every database"
# description: |
#   Without skip_show_database = on, any user can run SHOW DATABASES and learn
#   the names of every database on the instance.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/flags
# custom:
#   id: WARD-GCP-0054
#   severity: LOW
#   remediation: "Add the database flag skip_show_database = on."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.1.2"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.sql_mysql_skip_show_database

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL MySQL instance %s sets skip_show_database to %s: every user can list all databases", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("MYSQL")
	f := gcp.flag("skip_show_database")
	f[1] in {"0", "false", "off"}
}

deny contains cloud.result(sprintf("Cloud SQL MySQL instance %s does not set skip_show_database: every user can list all databases", [cloud.label]), ["database_flags"]) if {
	gcp.engine("MYSQL")
	gcp.flag_absent("skip_show_database")
}
