# METADATA
# title: RDS cluster is not encrypted with a customer managed key
# description: |
#   An encrypted DB cluster without a KMS key of your own uses the AWS managed aws/rds key: its key policy
#   cannot be restricted and snapshots encrypted with it cannot be shared with other accounts.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
# custom:
#   id: WARD-AWS-0115
#   severity: LOW
#   remediation: Set kms_key_id (KmsKeyId) to a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.rds.cluster]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.rds_cluster_cmk

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS cluster %s is encrypted with the AWS managed key", [cloud.label]), ["kms_key_id"]) if {
	input.storage_encrypted == true
	input.inherits_storage == false
	input.kms_key_id in {"", "alias/aws/rds"}
}
