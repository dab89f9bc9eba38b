# METADATA
# title: SQS queue is not encrypted with a customer managed key
# description: |
#   SSE-SQS and the AWS managed alias/aws/sqs key cannot be restricted by a key policy of yours; a customer
#   managed KMS key puts message access under your key policy and CloudTrail.
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# custom:
#   id: WARD-AWS-0171
#   severity: LOW
#   remediation: Set kms_master_key_id (KmsMasterKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.sqs.queue]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.sqs_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQS queue %s is not encrypted with a customer managed key", [cloud.label]), ["kms_master_key_id"]) if {
	input.kms_master_key_id in {"", "alias/aws/sqs"}
}
