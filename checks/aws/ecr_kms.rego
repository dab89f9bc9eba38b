# METADATA
# title: ECR repository is not encrypted with a customer managed key
# description: |
#   Repositories are encrypted with AES-256 or the AWS managed KMS key by
#   default; a customer managed key lets you control and audit access to the
#   images.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
# custom:
#   id: WARD-AWS-0224
#   severity: LOW
#   remediation: Set encryption_configuration encryption_type KMS with kms_key (KmsKey) a customer managed key.
#   input:
#     type: cloud
#     kinds: [aws.ecr.repository]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.ecr_kms

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ECR repository %s uses %s encryption without a customer managed key", [cloud.label, input.encryption_type]), ["encryption_type"]) if {
	is_string(input.encryption_type)
	upper(input.encryption_type) == "AES256"
}

deny contains cloud.result(sprintf("ECR repository %s uses the AWS managed KMS key", [cloud.label]), ["kms_key"]) if {
	is_string(input.encryption_type)
	upper(input.encryption_type) == "KMS"
	input.kms_key == ""
}
