# METADATA
# title: RDS backup retention is disabled or only one day
# description: |
#   Automated backups allow point-in-time restore. A retention of 0 disables them; the default of one day
#   leaves almost no time to notice corruption or deletion before the last good backup is gone.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
# custom:
#   id: WARD-AWS-0102
#   severity: MEDIUM
#   remediation: Set backup_retention_period (BackupRetentionPeriod) to at least 7 days.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance, aws.rds.cluster]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.rds_backup_retention

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(msg, ["backup_retention_period"]) if {
	days := input.backup_retention_period
	is_number(days)
	days <= 1
	object.get(input, "cluster_member", false) == false
	object.get(input, "read_replica", false) == false
	msg := _message(days)
}

_message(0) := sprintf("RDS %s has automated backups disabled", [cloud.label])

_message(1) := sprintf("RDS %s keeps automated backups for only 1 day", [cloud.label])
