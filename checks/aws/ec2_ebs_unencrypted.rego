# METADATA
# title: EBS volume not encrypted
# description: |
#   The EBS volume is not encrypted (the default unless the account enables
#   EBS encryption by default): its data, snapshots and traffic to the
#   instance are in clear.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: WARD-AWS-0029
#   severity: HIGH
#   remediation: "Set encrypted = true (CloudFormation Encrypted: true)."
#   input:
#     type: cloud
#     kinds: [aws.ec2.ebs_volume]
#   controls:
#     cis-aws: ["2.2.1"]
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.ec2_ebs_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("EBS volume %s is not encrypted", [cloud.label]), ["encrypted"]) if {
	input.encrypted == false
}
