# METADATA
# title: "Cloud SQL instance has automated backups disabled"
# description: |
#   Without automated backups the instance cannot be restored after data loss
#   or corruption. Read replicas, which cannot have their own backups, are not
#   flagged.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/backup-recovery/backups
# custom:
#   id: WARD-GCP-0045
#   severity: MEDIUM
#   remediation: "Add backup_configuration { enabled = true } to settings."
#   input:
#     type: cloud
#     kinds: [google.sql.instance]
#   controls:
#     cis-gcp: ["6.7"]
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.gcp.sql_backups_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud SQL instance %s has automated backups disabled", [cloud.label]), ["backup_enabled"]) if {
	input.backup_enabled == false
	input.is_replica == false
}
