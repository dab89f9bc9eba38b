# METADATA
# title: Kinesis stream is not encrypted
# description: |
#   A Kinesis data stream with encryption type NONE stores its records unencrypted at rest.
# related_resources:
#   - https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
# custom:
#   id: WARD-AWS-0178
#   severity: HIGH
#   remediation: Set encryption_type to KMS with a kms_key_id (StreamEncryption in CloudFormation).
#   input:
#     type: cloud
#     kinds: [aws.kinesis.stream]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.kinesis_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Kinesis stream %s is not encrypted at rest", [cloud.label]), ["encryption_type"]) if {
	upper(input.encryption_type) == "NONE"
}
