# METADATA
# title: Redshift cluster is not encrypted
# description: |
#   A Redshift cluster created with encryption disabled keeps its data blocks, metadata and snapshots
#   unencrypted at rest.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
# custom:
#   id: WARD-AWS-0130
#   severity: HIGH
#   remediation: Set encrypted (Encrypted) to true, preferably with a customer managed KMS key.
#   input:
#     type: cloud
#     kinds: [aws.redshift.cluster]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.redshift_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Redshift cluster %s is not encrypted", [cloud.label]), ["encrypted"]) if {
	input.encrypted == false
}
