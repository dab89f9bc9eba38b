# METADATA
# title: API Gateway REST stage does not have X-Ray tracing enabled
# description: |
#   Without X-Ray tracing requests cannot be followed through the API to its
#   backends when investigating errors or abuse.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html
# custom:
#   id: WARD-AWS-0232
#   severity: LOW
#   remediation: Set xray_tracing_enabled (TracingEnabled) to true.
#   input:
#     type: cloud
#     kinds: [aws.apigateway.stage]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.aws.apigateway_xray

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("API Gateway stage %s does not have X-Ray tracing enabled", [cloud.label]), ["xray_tracing_enabled"]) if {
	input.api_version == "v1"
	input.xray_tracing_enabled == false
}
