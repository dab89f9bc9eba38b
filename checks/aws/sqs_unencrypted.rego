# METADATA
# title: SQS queue is not encrypted
# description: |
#   A queue with SSE-SQS explicitly disabled and no KMS key stores its messages unencrypted at rest. (SQS
#   encrypts new queues with SSE-SQS unless told not to.)
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# custom:
#   id: WARD-AWS-0170
#   severity: HIGH
#   remediation: "Remove sqs_managed_sse_enabled = false (SqsManagedSseEnabled: false), or set kms_master_key_id (KmsMasterKeyId)."
#   input:
#     type: cloud
#     kinds: [aws.sqs.queue]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.sqs_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQS queue %s is not encrypted at rest", [cloud.label]), ["sqs_managed_sse_enabled"]) if {
	input.sqs_managed_sse_enabled == false
	input.kms_master_key_id == ""
}
