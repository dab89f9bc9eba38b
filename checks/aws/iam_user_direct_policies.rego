# METADATA
# title: IAM user with policies of its own
# description: |
#   Policies given directly to a user (inline, or attached managed policies)
#   instead of through groups make permissions hard to review and to revoke
#   when the user changes role.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions
# custom:
#   id: WARD-AWS-0039
#   severity: LOW
#   remediation: Put users in groups and give the groups the policies.
#   input:
#     type: cloud
#     kinds: [aws.iam.user]
#   controls:
#     cis-aws: ["1.15"]
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.5.18"]
package ward.aws.iam_user_direct_policies

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM user %s has an inline policy (%s)", [cloud.label, p.source]), ["policies", i, "source"]) if {
	some i, p in input.policies
}

deny contains cloud.result(sprintf("IAM user %s has a managed policy attached directly (%s)", [cloud.label, p.source]), ["attached_policies", i, "source"]) if {
	some i, p in input.attached_policies
}
