# METADATA
# title: KMS key rotation is disabled
# description: |
#   Automatic rotation gives a symmetric encryption key new key material every year (or the period you set),
#   limiting how much data one key version protects. Asymmetric, HMAC and imported keys cannot rotate
#   automatically and are not checked.
# related_resources:
#   - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: WARD-AWS-0160
#   severity: MEDIUM
#   remediation: Set enable_key_rotation (EnableKeyRotation) to true.
#   input:
#     type: cloud
#     kinds: [aws.kms.key]
#   controls:
#     cis-aws: ["3.6"]
#     pci-dss-4.0: ["3.7.4"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.kms_rotation_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("KMS key %s does not rotate automatically", [cloud.label]), ["enable_key_rotation"]) if {
	input.enable_key_rotation == false
	upper(input.key_usage) == "ENCRYPT_DECRYPT"
	upper(input.key_spec) == "SYMMETRIC_DEFAULT"
}
