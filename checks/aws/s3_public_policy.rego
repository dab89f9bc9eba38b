# METADATA
# title: S3 bucket policy allows public access
# description: |
#   A bucket policy statement that allows the principal "*" (or AWS "*")
#   without any condition grants the action to anyone on the internet.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
# custom:
#   id: WARD-AWS-0002
#   severity: HIGH
#   remediation: Name the principals (accounts, roles, services) allowed, or restrict the statement with conditions such as aws:SourceVpce or aws:PrincipalOrgID.
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.s3_public_policy

import data.ward.lib.cloud
import data.ward.lib.awsnet
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s has a policy statement allowing %s to everyone without a condition", [cloud.label, concat(", ", s.actions)]), ["policy", "statements", i, "principals", j]) if {
	some i, s in input.policy.statements
	s.effect == "Allow"
	s.conditions == false
	some j, p in s.principals
	awsnet.public_principal(p)
}
