# METADATA
# title: SNS topic is encrypted with the AWS managed key
# description: |
#   The AWS managed alias/aws/sns key cannot be restricted by a key policy of yours and cannot be used by
#   other services publishing to the topic; a customer managed key can.
# related_resources:
#   - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: WARD-AWS-0176
#   severity: LOW
#   remediation: Set kms_master_key_id (KmsMasterKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.sns.topic]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.sns_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SNS topic %s is encrypted with the AWS managed key", [cloud.label]), ["kms_master_key_id"]) if {
	lower(input.kms_master_key_id) == "alias/aws/sns"
}
