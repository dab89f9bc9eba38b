# METADATA
# title: IAM policy grants every action of a service on every resource
# description: |
#   A statement allowing a service wildcard such as "s3:*" on resource "*"
#   grants every present and future action of that service on every resource
#   of the account.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: WARD-AWS-0034
#   severity: HIGH
#   remediation: List the actions needed and scope Resource to the ARNs they apply to.
#   input:
#     type: cloud
#     kinds: [aws.iam.policy]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15"]
package ward.aws.iam_policy_service_wildcard

import data.ward.lib.cloud
import data.ward.lib.awsnet
import rego.v1

deny contains cloud.result(sprintf("IAM policy %s allows %s on every resource", [cloud.label, a]), ["document", "statements", i, "actions", j]) if {
	some i, s in input.document.statements
	s.effect == "Allow"
	some j, a in s.actions
	awsnet.service_wildcard(a)
	"*" in s.resources
}
