# METADATA
# title: EBS volume not encrypted with a customer managed key
# description: |
#   The volume uses the AWS managed key aws/ebs (or none): its key policy
#   cannot be restricted and the key cannot be shared or disabled
#   independently.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: WARD-AWS-0030
#   severity: LOW
#   remediation: Set kms_key_id (CloudFormation KmsKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.ec2.ebs_volume]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.ec2_ebs_no_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("EBS volume %s does not use a customer managed KMS key", [cloud.label]), ["kms_key_id"]) if {
	input.kms_key_id == ""
}
