# METADATA
# title: CloudTrail logs are not encrypted with a KMS key
# description: |
#   Without a KMS key the log files only get SSE-S3, so anyone who can read
#   the bucket can read the account's audit trail; a customer managed key adds
#   a second, audited permission.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
# custom:
#   id: WARD-AWS-0202
#   severity: HIGH
#   remediation: Set kms_key_id (KMSKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.trail]
#   controls:
#     cis-aws: ["3.5"]
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.cloudtrail_kms

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudTrail trail %s does not encrypt its logs with a KMS key", [cloud.label]), ["kms_key_id"]) if {
	input.kms_key_id == ""
}
