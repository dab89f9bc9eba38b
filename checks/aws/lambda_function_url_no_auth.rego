# METADATA
# title: Lambda function URL does not require authentication
# description: |
#   A function URL with authorization type NONE lets anyone on the internet
#   invoke the function.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
# custom:
#   id: WARD-AWS-0215
#   severity: HIGH
#   remediation: Set authorization_type (AuthType) to AWS_IAM, or authenticate inside the function and document why.
#   input:
#     type: cloud
#     kinds: [aws.lambda.function_url]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.lambda_function_url_no_auth

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Lambda function URL %s does not require authentication", [cloud.label]), ["authorization_type"]) if {
	is_string(input.authorization_type)
	upper(input.authorization_type) == "NONE"
}
