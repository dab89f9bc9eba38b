# METADATA
# title: "Cloud SQL MySQL instance enables local_infile"
# description: |
#   local_infile lets clients load files from their local file system with
#   LOAD DATA LOCAL, which a malicious server or SQL injection can abuse to
#   read client files.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/flags
# custom:
#   id: WARD-GCP-0053
#   severity: MEDIUM
#   remediation: "Set the database flag local_infile to off."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.1.3"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.gcp.sql_mysql_local_infile

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL MySQL instance %s sets local_infile to %s: LOAD DATA LOCAL is allowed", [cloud.label, f[1]]), ["database_flags", f[0], "value"]) if {
	gcp.engine("MYSQL")
	f := gcp.flag("local_infile")
	f[1] in {"1", "on", "true"}
}
