# METADATA
# title: OpenSearch domain does not enforce HTTPS
# description: |
#   A domain endpoint that accepts plain HTTP exposes queries, results and
#   credentials in transit.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createupdatedomains.html
# custom:
#   id: WARD-AWS-0242
#   severity: HIGH
#   remediation: Set domain_endpoint_options enforce_https (DomainEndpointOptions.EnforceHTTPS) to true.
#   input:
#     type: cloud
#     kinds: [aws.elasticsearch.domain]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elasticsearch_enforce_https

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("OpenSearch domain %s does not enforce HTTPS", [cloud.label]), ["enforce_https"]) if {
	input.enforce_https == false
}
