# METADATA
# title: OpenSearch domain does not encrypt node-to-node traffic
# description: |
#   Without node-to-node encryption the data the nodes exchange travels in
#   clear text inside the VPC.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
# custom:
#   id: WARD-AWS-0241
#   severity: HIGH
#   remediation: Set node_to_node_encryption enabled (NodeToNodeEncryptionOptions.Enabled) to true.
#   input:
#     type: cloud
#     kinds: [aws.elasticsearch.domain]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elasticsearch_node_to_node

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("OpenSearch domain %s does not encrypt node-to-node traffic", [cloud.label]), ["node_to_node_encryption"]) if {
	input.node_to_node_encryption == false
}
