# METADATA
# title: CloudWatch log group is not encrypted with a customer managed key
# description: |
#   Log groups are always encrypted, but only a customer managed KMS key lets
#   you control and audit who can decrypt the logs.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
# custom:
#   id: WARD-AWS-0206
#   severity: LOW
#   remediation: Set kms_key_id (KmsKeyId) to a customer managed KMS key whose policy allows the logs service.
#   input:
#     type: cloud
#     kinds: [aws.cloudwatch.log_group]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.cloudwatch_log_group_kms

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudWatch log group %s is not encrypted with a customer managed KMS key", [cloud.label]), ["kms_key_id"]) if {
	input.kms_key_id == ""
}
