# METADATA
# title: IAM password policy does not require a number
# description: |
#   The account password policy does not set require_numbers, so passwords
#   without a number are accepted.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: WARD-AWS-0045
#   severity: MEDIUM
#   remediation: Set require_numbers = true.
#   input:
#     type: cloud
#     kinds: [aws.iam.account_password_policy]
#   controls:
#     pci-dss-4.0: ["8.3.6"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.aws.iam_password_numbers

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result("The IAM password policy does not require a number", ["require_numbers"]) if {
	input.require_numbers == false
}
