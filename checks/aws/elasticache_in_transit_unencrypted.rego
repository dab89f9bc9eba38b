# METADATA
# title: ElastiCache replication group does not encrypt traffic
# description: |
#   Without in-transit encryption, clients and replicas exchange cached data and AUTH secrets in clear text.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
# custom:
#   id: WARD-AWS-0141
#   severity: HIGH
#   remediation: Set transit_encryption_enabled (TransitEncryptionEnabled) to true.
#   input:
#     type: cloud
#     kinds: [aws.elasticache.replication_group]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elasticache_in_transit_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ElastiCache replication group %s does not encrypt traffic in transit", [cloud.label]), ["transit_encryption_enabled"]) if {
	input.transit_encryption_enabled == false
}
