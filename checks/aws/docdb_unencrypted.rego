# METADATA
# title: DocumentDB cluster storage is not encrypted
# description: |
#   A DocumentDB cluster without storage encryption keeps its data, backups and snapshots unencrypted at
#   rest; encryption can only be chosen at creation.
# related_resources:
#   - https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html
# custom:
#   id: WARD-AWS-0150
#   severity: HIGH
#   remediation: Set storage_encrypted (StorageEncrypted) to true.
#   input:
#     type: cloud
#     kinds: [aws.docdb.cluster]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.docdb_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("DocumentDB cluster %s does not encrypt its storage", [cloud.label]), ["storage_encrypted"]) if {
	input.storage_encrypted == false
}
