# METADATA
# title: IAM password policy does not prevent password reuse
# description: |
#   The account password policy remembers fewer than 4 previous passwords (0
#   when unset), so users can cycle back to an old, possibly leaked password.
#   PCI DSS asks for at least 4; CIS recommends 24.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: WARD-AWS-0041
#   severity: MEDIUM
#   remediation: Set password_reuse_prevention to 24 (at least 4).
#   input:
#     type: cloud
#     kinds: [aws.iam.account_password_policy]
#   controls:
#     cis-aws: ["1.9"]
#     pci-dss-4.0: ["8.3.7"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.aws.iam_password_reuse

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("The IAM password policy prevents reuse of only %d previous password(s)", [input.password_reuse_prevention]), ["password_reuse_prevention"]) if {
	is_number(input.password_reuse_prevention)
	input.password_reuse_prevention < 4
}
