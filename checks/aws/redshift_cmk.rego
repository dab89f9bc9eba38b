# METADATA
# title: Redshift cluster is not encrypted with a customer managed key
# description: |
#   Without a KMS key of your own, a Redshift cluster is encrypted with an AWS owned or AWS managed key whose
#   use you cannot restrict or audit with your own key policy.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
# custom:
#   id: WARD-AWS-0131
#   severity: LOW
#   remediation: Set kms_key_id (KmsKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.redshift.cluster]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.redshift_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Redshift cluster %s is not encrypted with a customer managed key", [cloud.label]), ["kms_key_id"]) if {
	input.encrypted == true
	input.kms_key_id in {"", "alias/aws/redshift"}
}
