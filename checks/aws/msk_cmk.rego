# METADATA
# title: MSK cluster is not encrypted with a customer managed key
# description: |
#   MSK always encrypts data at rest, but only a customer managed KMS key lets
#   you control and audit who can decrypt it.
# related_resources:
#   - https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html
# custom:
#   id: WARD-AWS-0246
#   severity: LOW
#   remediation: Set encryption_at_rest_kms_key_arn (EncryptionAtRest.DataVolumeKMSKeyId) to a customer managed key.
#   input:
#     type: cloud
#     kinds: [aws.msk.cluster]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.msk_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("MSK cluster %s is encrypted at rest with the AWS managed key", [cloud.label]), ["encryption_at_rest_kms_key_arn"]) if {
	input.encryption_at_rest_kms_key_arn == ""
}
