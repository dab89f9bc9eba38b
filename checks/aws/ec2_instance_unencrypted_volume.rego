# METADATA
# title: EC2 instance with an unencrypted block device
# description: |
#   The instance's root volume (Terraform root_block_device, unencrypted by
#   default) or one of its EBS block devices is not encrypted.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: WARD-AWS-0027
#   severity: HIGH
#   remediation: "Set encrypted = true on root_block_device and every ebs_block_device (CloudFormation Ebs Encrypted: true), or enable EBS encryption by default for the account."
#   input:
#     type: cloud
#     kinds: [aws.ec2.instance]
#   controls:
#     cis-aws: ["2.2.1"]
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.ec2_instance_unencrypted_volume

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s has an unencrypted root volume", [cloud.label]), ["root_block_device", "encrypted"]) if {
	input.root_block_device.described == true
	input.root_block_device.encrypted == false
}

deny contains cloud.result(sprintf("%s has an unencrypted EBS volume %s", [cloud.label, d.device_name]), ["ebs_block_devices", i, "encrypted"]) if {
	some i, d in input.ebs_block_devices
	d.ebs == true
	d.encrypted == false
}
