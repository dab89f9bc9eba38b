# METADATA
# title: DynamoDB point-in-time recovery is disabled
# description: |
#   Point-in-time recovery keeps continuous backups of a table for up to 35 days, so accidental writes and
#   deletes can be undone.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html
# custom:
#   id: WARD-AWS-0121
#   severity: MEDIUM
#   remediation: "Add point_in_time_recovery { enabled = true } (PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true)."
#   input:
#     type: cloud
#     kinds: [aws.dynamodb.table]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.dynamodb_pitr_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("DynamoDB table %s has point-in-time recovery disabled", [cloud.label]), ["point_in_time_recovery"]) if {
	input.point_in_time_recovery == false
}
