# METADATA
# title: DynamoDB table is not encrypted with a customer managed key
# description: |
#   DynamoDB always encrypts tables, by default with an AWS owned key you cannot see, audit or revoke. A
#   customer managed KMS key puts access to the data under your key policy and CloudTrail.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
# custom:
#   id: WARD-AWS-0120
#   severity: LOW
#   remediation: Enable server_side_encryption (SSESpecification) with kms_key_arn (KMSMasterKeyId) set to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.dynamodb.table]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.dynamodb_table_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("DynamoDB table %s is encrypted with an AWS owned key", [cloud.label]), ["kms_encryption_enabled"]) if {
	input.kms_encryption_enabled == false
}

deny contains cloud.result(sprintf("DynamoDB table %s is encrypted with the AWS managed key", [cloud.label]), ["kms_key_arn"]) if {
	input.kms_encryption_enabled == true
	input.kms_key_arn in {"", "alias/aws/dynamodb"}
}
