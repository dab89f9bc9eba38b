# METADATA
# title: S3 bucket not encrypted with a KMS key
# description: |
#   The bucket's default encryption is SSE-S3 (AES256, also the default when
#   none is configured): the keys are owned by S3, so key policies, rotation
#   control and CloudTrail records of key use are not available. Buckets
#   receiving S3 server access logs are exempt (log delivery supports SSE-S3
#   only).
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
# custom:
#   id: WARD-AWS-0008
#   severity: LOW
#   remediation: Configure default encryption with sse_algorithm aws:kms (SSEAlgorithm aws:kms) and a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     pci-dss-4.0: ["3.5.1", "3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.s3_no_cmk

import data.ward.lib.cloud
import data.ward.lib.awsnet
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s is encrypted with S3-managed keys (AES256), not a KMS key", [cloud.label]), ["encryption", "algorithm"]) if {
	input.encryption.algorithm == "AES256"
	not awsnet.log_bucket(input)
}
