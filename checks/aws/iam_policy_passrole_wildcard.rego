# METADATA
# title: IAM policy allows iam:PassRole on every role
# description: |
#   iam:PassRole on resource "*" without a condition lets the principal hand
#   any role of the account, administrator roles included, to a service it
#   controls (EC2, Lambda, CloudFormation): a privilege escalation.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
# custom:
#   id: WARD-AWS-0035
#   severity: HIGH
#   remediation: Scope iam:PassRole to the ARNs of the roles to pass, and condition it on iam:PassedToService.
#   input:
#     type: cloud
#     kinds: [aws.iam.policy]
#   controls:
#     pci-dss-4.0: ["7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.aws.iam_policy_passrole_wildcard

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM policy %s allows %s on every role", [cloud.label, a]), ["document", "statements", i, "actions", j]) if {
	some i, s in input.document.statements
	s.effect == "Allow"
	s.conditions == false
	some j, a in s.actions
	is_string(a)
	passrole(lower(a))
	"*" in s.resources
}

# Wildcards "*" and "iam:*" are reported by WARD-AWS-0033 and WARD-AWS-0034.
passrole(a) if {
	startswith(a, "iam:")
	a != "iam:*"
	glob.match(a, [], "iam:passrole")
}
