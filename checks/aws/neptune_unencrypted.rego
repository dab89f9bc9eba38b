# METADATA
# title: Neptune cluster storage is not encrypted
# description: |
#   A Neptune cluster without storage encryption keeps its graph data, backups and snapshots unencrypted at
#   rest; encryption can only be chosen at creation.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
# custom:
#   id: WARD-AWS-0155
#   severity: HIGH
#   remediation: Set storage_encrypted (StorageEncrypted) to true.
#   input:
#     type: cloud
#     kinds: [aws.neptune.cluster]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.neptune_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Neptune cluster %s does not encrypt its storage", [cloud.label]), ["storage_encrypted"]) if {
	input.storage_encrypted == false
}
