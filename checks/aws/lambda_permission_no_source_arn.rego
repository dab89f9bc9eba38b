# METADATA
# title: Lambda permission for a service has no source ARN
# description: |
#   A permission for an AWS service principal without source_arn (or
#   source_account) lets any resource of that service, in any account, invoke
#   the function (confused deputy).
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html
# custom:
#   id: WARD-AWS-0217
#   severity: MEDIUM
#   remediation: Set source_arn (SourceArn) to the resource that invokes the function, or at least source_account.
#   input:
#     type: cloud
#     kinds: [aws.lambda.permission]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.lambda_permission_no_source_arn

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Lambda permission %s for %s has no source ARN", [cloud.label, input.principal]), ["source_arn"]) if {
	is_string(input.principal)
	endswith(input.principal, ".amazonaws.com")
	input.source_arn == ""
	input.source_account == ""
}
