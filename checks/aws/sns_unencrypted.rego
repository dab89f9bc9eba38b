# METADATA
# title: SNS topic is not encrypted
# description: |
#   SNS topics are not encrypted at rest unless a KMS key is set; messages are then stored unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: WARD-AWS-0175
#   severity: HIGH
#   remediation: Set kms_master_key_id (KmsMasterKeyId), preferably to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.sns.topic]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.sns_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SNS topic %s is not encrypted at rest", [cloud.label]), ["kms_master_key_id"]) if {
	input.kms_master_key_id == ""
}
