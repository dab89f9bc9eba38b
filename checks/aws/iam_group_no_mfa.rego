# METADATA
# title: IAM group policies do not require MFA
# description: |
#   None of the group's policies tests aws:MultiFactorAuthPresent, so its
#   members can use their permissions without multi-factor authentication.
#   Policies Ward cannot read (from a data source, or attached by reference to
#   a policy in the scan) leave the check not evaluated.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html
# custom:
#   id: WARD-AWS-0047
#   severity: MEDIUM
#   remediation: Attach a policy to the group that denies every action except managing one's own MFA device unless aws:MultiFactorAuthPresent is true, or condition the group's Allow statements on it.
#   input:
#     type: cloud
#     kinds: [aws.iam.group]
#   controls:
#     cis-aws: ["1.10"]
#     pci-dss-4.0: ["8.4.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.aws.iam_group_no_mfa

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM group %s has no policy requiring MFA (aws:MultiFactorAuthPresent)", [cloud.label]), path) if {
	not mfa_policy
	path := array.concat(unreadable, [["policies"]])[0]
}

mfa_policy if {
	some p in input.policies
	is_string(p.text)
	contains(lower(p.text), "aws:multifactorauthpresent")
}

# unreadable are the paths of the policies whose text or ARN is not known:
# a result there is not evaluated.
unreadable := array.concat(
	[["policies", i, "text"] | some i, p in input.policies; p.text == null],
	[["attached_policies", j, "arn"] | some j, a in input.attached_policies; a.arn == null],
)
