# METADATA
# title: ElastiCache replication group is not encrypted at rest
# description: |
#   Without at-rest encryption, an ElastiCache (Redis OSS / Valkey) replication group writes data, swap and
#   backups unencrypted to disk.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
# custom:
#   id: WARD-AWS-0140
#   severity: HIGH
#   remediation: Set at_rest_encryption_enabled (AtRestEncryptionEnabled) to true.
#   input:
#     type: cloud
#     kinds: [aws.elasticache.replication_group]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elasticache_at_rest_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ElastiCache replication group %s is not encrypted at rest", [cloud.label]), ["at_rest_encryption_enabled"]) if {
	input.at_rest_encryption_enabled == false
}
