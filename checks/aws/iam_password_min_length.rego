# METADATA
# title: IAM password policy allows passwords shorter than 14 characters
# description: |
#   The account password policy's minimum length is below 14 (IAM's default is
#   6).
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: WARD-AWS-0040
#   severity: MEDIUM
#   remediation: Set minimum_password_length = 14 or more.
#   input:
#     type: cloud
#     kinds: [aws.iam.account_password_policy]
#   controls:
#     cis-aws: ["1.8"]
#     pci-dss-4.0: ["8.3.6"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.aws.iam_password_min_length

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("The IAM password policy allows passwords of %d characters (want 14 or more)", [input.minimum_password_length]), ["minimum_password_length"]) if {
	is_number(input.minimum_password_length)
	input.minimum_password_length < 14
}
