# METADATA
# title: AdministratorAccess attached to an IAM role or group
# description: |
#   The AWS managed AdministratorAccess policy is attached to a role or group:
#   everyone who can assume the role or joins the group gets full control of
#   the account.
# related_resources:
#   - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
# custom:
#   id: WARD-AWS-0038
#   severity: MEDIUM
#   remediation: Keep AdministratorAccess to a few break-glass roles requiring MFA; give other roles and groups the permissions their tasks need.
#   input:
#     type: cloud
#     kinds: [aws.iam.policy_attachment]
#   controls:
#     cis-aws: ["1.16"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.aws.iam_admin_attached_role_group

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s attaches AdministratorAccess to a %s", [cloud.label, what]), ["policy_arns", i]) if {
	some [field, what] in [["to_roles", "role"], ["to_groups", "group"]]
	input[field] == true
	some i, arn in input.policy_arns
	awsnet.admin_policy_arn(arn)
}
