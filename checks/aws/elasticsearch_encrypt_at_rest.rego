# METADATA
# title: OpenSearch domain is not encrypted at rest
# description: |
#   Without encryption at rest the domain's indices, logs and snapshots are
#   stored unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
# custom:
#   id: WARD-AWS-0240
#   severity: HIGH
#   remediation: Set encrypt_at_rest enabled (EncryptionAtRestOptions.Enabled) to true.
#   input:
#     type: cloud
#     kinds: [aws.elasticsearch.domain]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elasticsearch_encrypt_at_rest

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("OpenSearch domain %s is not encrypted at rest", [cloud.label]), ["encrypt_at_rest"]) if {
	input.encrypt_at_rest == false
}
