# METADATA
# title: Lambda permission grants access to everyone
# description: |
#   A resource-based permission with principal * and no source ARN, source
#   account or organization condition lets any AWS account (or anyone, for
#   function URLs) invoke the function.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
# custom:
#   id: WARD-AWS-0216
#   severity: HIGH
#   remediation: Name the principal (an account, a service) and restrict it with source_arn, source_account or principal_org_id.
#   input:
#     type: cloud
#     kinds: [aws.lambda.permission]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.lambda_permission_public

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Lambda permission %s grants %s to everyone", [cloud.label, input.action]), ["principal"]) if {
	input.principal == "*"
	input.source_arn == ""
	input.source_account == ""
	input.principal_org_id == ""
}
