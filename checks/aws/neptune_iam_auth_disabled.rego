# METADATA
# title: Neptune IAM database authentication is disabled
# description: |
#   Without IAM authentication, anyone who can reach a Neptune endpoint on the network can query it; with it,
#   requests must be signed by an IAM identity allowed by policy.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html
# custom:
#   id: WARD-AWS-0158
#   severity: MEDIUM
#   remediation: Set iam_database_authentication_enabled (IamAuthEnabled) to true.
#   input:
#     type: cloud
#     kinds: [aws.neptune.cluster]
#   controls:
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.aws.neptune_iam_auth_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Neptune cluster %s does not enable IAM authentication", [cloud.label]), ["iam_database_authentication_enabled"]) if {
	input.iam_database_authentication_enabled == false
}
