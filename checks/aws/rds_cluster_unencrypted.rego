# METADATA
# title: RDS cluster storage is not encrypted
# description: |
#   An Aurora or Multi-AZ DB cluster without storage encryption keeps its data, backups and snapshots
#   unencrypted at rest. Terraform and CloudFormation default to unencrypted (except Aurora Serverless v1).
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
# custom:
#   id: WARD-AWS-0110
#   severity: HIGH
#   remediation: Set storage_encrypted (StorageEncrypted) to true, preferably with a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.rds.cluster]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.rds_cluster_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS cluster %s does not encrypt its storage", [cloud.label]), ["storage_encrypted"]) if {
	input.storage_encrypted == false
	input.inherits_storage == false
	lower(input.engine_mode) != "serverless"
}
