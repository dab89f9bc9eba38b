# METADATA
# title: Athena query results are not encrypted
# description: |
#   Without an encryption configuration, Athena writes query results, which often contain sensitive data,
#   to S3 without its own encryption.
# related_resources:
#   - https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html
# custom:
#   id: WARD-AWS-0180
#   severity: HIGH
#   remediation: Configure encryption_configuration with SSE_KMS or CSE_KMS (EncryptionConfiguration in CloudFormation).
#   input:
#     type: cloud
#     kinds: [aws.athena.workgroup, aws.athena.database]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.athena_results_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Athena %s does not encrypt query results", [cloud.label]), ["encryption_option"]) if {
	input.encryption_option == ""
}
