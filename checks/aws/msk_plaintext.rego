# METADATA
# title: MSK cluster allows plaintext traffic
# description: |
#   Client-broker encryption PLAINTEXT or TLS_PLAINTEXT, or in-cluster
#   encryption off, lets Kafka data travel in clear text.
# related_resources:
#   - https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html
# custom:
#   id: WARD-AWS-0245
#   severity: HIGH
#   remediation: Set encryption_in_transit client_broker (ClientBroker) to TLS and keep in_cluster true.
#   input:
#     type: cloud
#     kinds: [aws.msk.cluster]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.msk_plaintext

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("MSK cluster %s accepts %s client traffic", [cloud.label, input.client_broker]), ["client_broker"]) if {
	is_string(input.client_broker)
	upper(input.client_broker) in {"PLAINTEXT", "TLS_PLAINTEXT"}
}

deny contains cloud.result(sprintf("MSK cluster %s does not encrypt traffic between brokers", [cloud.label]), ["in_cluster"]) if {
	input.in_cluster == false
}
