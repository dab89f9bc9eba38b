# METADATA
# title: Lambda function does not have X-Ray tracing active
# description: |
#   Without active tracing the function's invocations cannot be followed
#   through X-Ray when investigating errors or abuse.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html
# custom:
#   id: WARD-AWS-0214
#   severity: LOW
#   remediation: Set tracing_config mode (TracingConfig.Mode, SAM Tracing) to Active.
#   input:
#     type: cloud
#     kinds: [aws.lambda.function]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.aws.lambda_xray

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Lambda function %s has tracing mode %s", [cloud.label, input.tracing_mode]), ["tracing_mode"]) if {
	is_string(input.tracing_mode)
	lower(input.tracing_mode) != "active"
}
