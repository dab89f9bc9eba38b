# METADATA
# title: IAM policy allows with NotAction
# description: |
#   An Allow statement with NotAction grants every action except those listed,
#   including actions of services added later.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
# custom:
#   id: WARD-AWS-0036
#   severity: MEDIUM
#   remediation: Use Allow with an explicit Action list; keep NotAction for Deny statements.
#   input:
#     type: cloud
#     kinds: [aws.iam.policy]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15"]
package ward.aws.iam_policy_allow_not_action

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM policy %s allows every action except %s", [cloud.label, concat(", ", s.not_actions)]), ["document", "statements", i, "not_actions"]) if {
	some i, s in input.document.statements
	s.effect == "Allow"
	count(s.not_actions) > 0
}
