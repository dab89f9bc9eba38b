# METADATA
# title: Credentials in EC2 user data
# description: |
#   User data holds an AWS access key ID or a literal assigned to a password
#   or secret-key variable. User data is readable by anyone who can describe
#   the instance attribute and from inside the instance through the metadata
#   service.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
# custom:
#   id: WARD-AWS-0032
#   severity: CRITICAL
#   remediation: Give the instance an IAM role and read secrets at boot from Secrets Manager or SSM Parameter Store.
#   input:
#     type: cloud
#     kinds: [aws.ec2.instance, aws.ec2.launch_template, aws.ec2.launch_configuration]
#   controls:
#     pci-dss-4.0: ["8.6.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.aws.ec2_user_data_secrets

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s has credentials in its user data", [cloud.label]), [f]) if {
	some f in ["user_data", "user_data_base64"]
	is_string(input[f])
	input[f] != ""
	some t in awsnet.texts(input[f])
	awsnet.user_data_secret(t)
}
