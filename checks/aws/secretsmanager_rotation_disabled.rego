# METADATA
# title: Secrets Manager secret is not rotated
# description: |
#   A secret without a rotation schedule keeps the same credential until someone changes it by hand, so a
#   leaked value stays valid indefinitely.
# related_resources:
#   - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
# custom:
#   id: WARD-AWS-0166
#   severity: MEDIUM
#   remediation: Add aws_secretsmanager_secret_rotation (AWS::SecretsManager::RotationSchedule) for the secret.
#   input:
#     type: cloud
#     kinds: [aws.secretsmanager.secret]
#   controls:
#     pci-dss-4.0: ["8.3.9", "8.6.3"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.aws.secretsmanager_rotation_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Secrets Manager secret %s has no rotation schedule", [cloud.label]), ["rotation_enabled"]) if {
	input.rotation_enabled == false
}
