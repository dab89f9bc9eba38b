# METADATA
# title: ElastiCache replication group does not require authentication
# description: |
#   A Redis OSS / Valkey replication group without an AUTH token or RBAC user groups accepts commands from
#   anyone who can reach it on the network.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
# custom:
#   id: WARD-AWS-0142
#   severity: MEDIUM
#   remediation: Set auth_token (AuthToken) from a secret, or attach RBAC user_group_ids (UserGroupIds).
#   input:
#     type: cloud
#     kinds: [aws.elasticache.replication_group]
#   controls:
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.aws.elasticache_no_auth

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ElastiCache replication group %s does not require clients to authenticate", [cloud.label]), ["auth_configured"]) if {
	input.transit_encryption_enabled == true
	input.auth_configured == false
}
