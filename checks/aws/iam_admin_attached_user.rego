# METADATA
# title: AdministratorAccess attached to an IAM user
# description: |
#   The AWS managed AdministratorAccess policy is attached directly to a user,
#   whose long-term credentials then have full control of the account.
# related_resources:
#   - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
# custom:
#   id: WARD-AWS-0037
#   severity: HIGH
#   remediation: Give administrators a role to assume (with MFA) or group membership instead of attaching AdministratorAccess to users.
#   input:
#     type: cloud
#     kinds: [aws.iam.policy_attachment]
#   controls:
#     cis-aws: ["1.15", "1.16"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.aws.iam_admin_attached_user

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s attaches AdministratorAccess to a user", [cloud.label]), ["policy_arns", i]) if {
	input.to_users == true
	some i, arn in input.policy_arns
	awsnet.admin_policy_arn(arn)
}
