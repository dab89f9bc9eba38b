# METADATA
# title: Neptune cluster is not encrypted with a customer managed key
# description: |
#   Without a KMS key of your own, Neptune storage is encrypted (if at all) with the AWS managed aws/rds key,
#   whose key policy you cannot restrict.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
# custom:
#   id: WARD-AWS-0156
#   severity: LOW
#   remediation: Set kms_key_arn (KmsKeyId) to a customer managed KMS key and storage_encrypted to true.
#   input:
#     type: cloud
#     kinds: [aws.neptune.cluster]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.neptune_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Neptune cluster %s does not use a customer managed KMS key", [cloud.label]), ["kms_key_id"]) if {
	input.kms_key_id in {"", "alias/aws/rds"}
}
