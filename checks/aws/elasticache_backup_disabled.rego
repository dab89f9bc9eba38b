# METADATA
# title: ElastiCache automatic backups are disabled
# description: |
#   With a snapshot retention limit of 0, a Redis OSS / Valkey cache takes no automatic backups and its data
#   cannot be restored after a failure. Memcached and cache.t1 nodes have no backups and are not checked.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
# custom:
#   id: WARD-AWS-0143
#   severity: MEDIUM
#   remediation: Set snapshot_retention_limit (SnapshotRetentionLimit) to 1 or more days.
#   input:
#     type: cloud
#     kinds: [aws.elasticache.cluster, aws.elasticache.replication_group]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.elasticache_backup_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ElastiCache %s takes no automatic backups", [cloud.label]), ["snapshot_retention_limit"]) if {
	input.snapshot_retention_limit == 0
	lower(input.engine) in {"redis", "valkey"}
	object.get(input, "replication_group_id", "") == ""
	not startswith(object.get(input, "node_type", ""), "cache.t1.")
}
