# METADATA
# title: API Gateway domain name allows TLS 1.0
# description: |
#   A custom domain with security policy TLS_1_0 accepts TLS 1.0 and 1.1
#   connections and weak ciphers.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
# custom:
#   id: WARD-AWS-0235
#   severity: HIGH
#   remediation: Set security_policy (SecurityPolicy) to TLS_1_2 or a SecurityPolicy_TLS13_* policy.
#   input:
#     type: cloud
#     kinds: [aws.apigateway.domain_name]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.apigateway_domain_tls

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("API Gateway domain %s uses the security policy %s", [cloud.label, input.security_policy]), ["security_policy"]) if {
	is_string(input.security_policy)
	regex.match(`(?i)TLS_?1_?[01]`, input.security_policy)
}
