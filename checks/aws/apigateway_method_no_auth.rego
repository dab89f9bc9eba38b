# METADATA
# title: API Gateway method does not require authorization
# description: |
#   A method with authorization NONE and no API key can be called by anyone on
#   the internet.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
# custom:
#   id: WARD-AWS-0234
#   severity: MEDIUM
#   remediation: Set authorization (AuthorizationType) to AWS_IAM, CUSTOM or COGNITO_USER_POOLS, or require an API key.
#   input:
#     type: cloud
#     kinds: [aws.apigateway.method]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.apigateway_method_no_auth

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("API Gateway method %s %s does not require authorization", [cloud.label, input.http_method]), ["authorization"]) if {
	is_string(input.authorization)
	upper(input.authorization) == "NONE"
	input.api_key_required == false
	is_string(input.http_method)
	not startswith(upper(input.http_method), "OPTION")
}
