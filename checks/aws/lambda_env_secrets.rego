# METADATA
# title: Lambda function has a secret in a plain environment variable
# description: |
#   A variable named like a password, secret, token or key with a literal
#   value (or any value that is an AWS access key ID) is stored in the
#   function's configuration, readable by anyone who can get the function
#   and visible in the IaC source.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption
# custom:
#   id: WARD-AWS-0255
#   severity: HIGH
#   remediation: Keep the value in Secrets Manager or SSM Parameter Store and read it at run time (or reference it with the Parameters and Secrets Lambda extension); pass only its name in the environment.
#   input:
#     type: cloud
#     kinds: [aws.lambda.function]
#   controls:
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17", "A.8.4"]
package ward.aws.lambda_env_secrets

import data.ward.lib.awscompute
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Lambda function %s sets %s in clear text", [cloud.label, e.key]), ["environment", i, "value"]) if {
	some i, e in input.environment
	awscompute.secret_variable(e.key, e.value)
}
