# METADATA
# title: OpenSearch domain endpoint allows TLS 1.0
# description: |
#   The TLS policy Policy-Min-TLS-1-0-2019-07 (the default) accepts TLS 1.0
#   and 1.1 connections.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
# custom:
#   id: WARD-AWS-0243
#   severity: HIGH
#   remediation: Set tls_security_policy (TLSSecurityPolicy) to Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10.
#   input:
#     type: cloud
#     kinds: [aws.elasticsearch.domain]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elasticsearch_tls_policy

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("OpenSearch domain %s uses the TLS policy %s", [cloud.label, input.tls_security_policy]), ["tls_security_policy"]) if {
	is_string(input.tls_security_policy)
	not regex.match(`TLS-1-[23]`, input.tls_security_policy)
}
