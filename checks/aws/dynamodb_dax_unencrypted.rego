# METADATA
# title: DAX cluster is not encrypted at rest
# description: |
#   A DynamoDB Accelerator cluster without server-side encryption keeps cached items, configuration and logs
#   unencrypted on its nodes' disks. Encryption can only be chosen when the cluster is created.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html
# custom:
#   id: WARD-AWS-0123
#   severity: HIGH
#   remediation: "Add server_side_encryption { enabled = true } (SSESpecification.SSEEnabled: true)."
#   input:
#     type: cloud
#     kinds: [aws.dax.cluster]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.dynamodb_dax_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("DAX cluster %s is not encrypted at rest", [cloud.label]), ["encryption_enabled"]) if {
	input.encryption_enabled == false
}
