# METADATA
# title: EFS file system is not encrypted
# description: |
#   An EFS file system created without encryption stores its files and metadata unencrypted at rest;
#   encryption can only be chosen at creation.
# related_resources:
#   - https://docs.aws.amazon.com/efs/latest/ug/encryption.html
# custom:
#   id: WARD-AWS-0145
#   severity: HIGH
#   remediation: Set encrypted (Encrypted) to true, optionally with a customer managed kms_key_id.
#   input:
#     type: cloud
#     kinds: [aws.efs.file_system]
#   controls:
#     cis-aws: ["2.4.1"]
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.efs_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("EFS file system %s is not encrypted", [cloud.label]), ["encrypted"]) if {
	input.encrypted == false
}
