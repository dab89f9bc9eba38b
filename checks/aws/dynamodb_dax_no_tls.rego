# METADATA
# title: DAX cluster endpoint does not use TLS
# description: |
#   With cluster endpoint encryption NONE, clients talk to the DAX cluster in clear text inside the VPC.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionInTransit.html
# custom:
#   id: WARD-AWS-0124
#   severity: MEDIUM
#   remediation: Set cluster_endpoint_encryption_type (ClusterEndpointEncryptionType) to TLS.
#   input:
#     type: cloud
#     kinds: [aws.dax.cluster]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.dynamodb_dax_no_tls

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("DAX cluster %s endpoint does not use TLS", [cloud.label]), ["endpoint_encryption_type"]) if {
	upper(input.endpoint_encryption_type) == "NONE"
}
