# METADATA
# title: RDS instance storage is not encrypted
# description: |
#   An RDS DB instance without storage encryption keeps its data, automated backups, read replicas and
#   snapshots unencrypted at rest. Encryption can only be chosen when the instance is created.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# custom:
#   id: WARD-AWS-0100
#   severity: HIGH
#   remediation: Set storage_encrypted (StorageEncrypted) to true, preferably with a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance]
#   controls:
#     cis-aws: ["2.3.1"]
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.rds_instance_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s does not encrypt its storage", [cloud.label]), ["storage_encrypted"]) if {
	input.storage_encrypted == false
	input.inherits_storage == false
}
