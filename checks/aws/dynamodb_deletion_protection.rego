# METADATA
# title: DynamoDB table deletion protection is disabled
# description: |
#   Without deletion protection, a table and its data can be deleted by a single API call or an unintended
#   infrastructure change.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
# custom:
#   id: WARD-AWS-0122
#   severity: LOW
#   remediation: Set deletion_protection_enabled (DeletionProtectionEnabled) to true.
#   input:
#     type: cloud
#     kinds: [aws.dynamodb.table]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.dynamodb_deletion_protection

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("DynamoDB table %s has deletion protection disabled", [cloud.label]), ["deletion_protection"]) if {
	input.deletion_protection == false
}
