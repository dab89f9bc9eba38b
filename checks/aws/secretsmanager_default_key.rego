# METADATA
# title: Secrets Manager secret uses the AWS managed key
# description: |
#   A secret without a KMS key of its own is encrypted with aws/secretsmanager, whose key policy lets any
#   principal of the account with Secrets Manager access decrypt it and which cannot be used across accounts.
# related_resources:
#   - https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
# custom:
#   id: WARD-AWS-0165
#   severity: LOW
#   remediation: Set kms_key_id (KmsKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.secretsmanager.secret]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.secretsmanager_default_key

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Secrets Manager secret %s is encrypted with the AWS managed key", [cloud.label]), ["kms_key_id"]) if {
	input.kms_key_id in {"", "alias/aws/secretsmanager"}
}
