# METADATA
# title: IAM policy grants full administrative privileges
# description: |
#   A statement allowing action "*" on resource "*" grants every action on
#   every resource: full administrator.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html
# custom:
#   id: WARD-AWS-0033
#   severity: CRITICAL
#   remediation: Grant only the actions and resources the principal needs; keep administrator access to a few break-glass roles.
#   input:
#     type: cloud
#     kinds: [aws.iam.policy]
#   controls:
#     cis-aws: ["1.16"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.aws.iam_policy_full_admin

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM policy %s allows every action on every resource", [cloud.label]), ["document", "statements", i, "actions", j]) if {
	some i, s in input.document.statements
	s.effect == "Allow"
	some j, a in s.actions
	awsnet.admin_action(a)
	"*" in s.resources
}
