# METADATA
# title: IAM password policy lets passwords live longer than 90 days
# description: |
#   The account password policy's max_password_age is unset (passwords never
#   expire) or above 90 days. (Where MFA is enforced, rotation matters less:
#   PCI DSS 8.3.9 asks for it when the password is the only factor.)
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: WARD-AWS-0042
#   severity: LOW
#   remediation: Set max_password_age = 90 or less, or enforce MFA for every console user.
#   input:
#     type: cloud
#     kinds: [aws.iam.account_password_policy]
#   controls:
#     pci-dss-4.0: ["8.3.9"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.aws.iam_password_max_age

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result("The IAM password policy never expires passwords", ["max_password_age"]) if {
	input.max_password_age == 0
}

deny contains cloud.result(sprintf("The IAM password policy lets passwords live %d days (want 90 or less)", [input.max_password_age]), ["max_password_age"]) if {
	is_number(input.max_password_age)
	input.max_password_age > 90
}
