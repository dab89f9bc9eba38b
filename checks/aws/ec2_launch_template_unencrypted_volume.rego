# METADATA
# title: Launch template or configuration with an unencrypted block device
# description: |
#   Instances launched from the template or launch configuration get an
#   unencrypted root or EBS volume.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: WARD-AWS-0028
#   severity: HIGH
#   remediation: "Set encrypted = true on every block device (CloudFormation Ebs Encrypted: true)."
#   input:
#     type: cloud
#     kinds: [aws.ec2.launch_template, aws.ec2.launch_configuration]
#   controls:
#     cis-aws: ["2.2.1"]
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.ec2_launch_template_unencrypted_volume

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s has an unencrypted root volume", [cloud.label]), ["root_block_device", "encrypted"]) if {
	input.root_block_device.described == true
	input.root_block_device.encrypted == false
}

deny contains cloud.result(sprintf("%s has an unencrypted EBS volume %s", [cloud.label, d.device_name]), [list, i, "encrypted"]) if {
	some list in ["ebs_block_devices", "block_devices"]
	some i, d in input[list]
	d.ebs == true
	d.encrypted == false
}
