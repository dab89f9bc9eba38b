# METADATA
# title: ECS task definition has a secret in a plain environment variable
# description: |
#   A variable named like a password, secret, token or key with a literal
#   value (or any access key ID) is stored in clear text in the task
#   definition, visible to anyone who can describe it.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
# custom:
#   id: WARD-AWS-0228
#   severity: HIGH
#   remediation: Move the value to Secrets Manager or SSM Parameter Store and reference it with secrets (valueFrom).
#   input:
#     type: cloud
#     kinds: [aws.ecs.task_definition]
#   controls:
#     pci-dss-4.0: ["8.3.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.aws.ecs_env_secrets

import data.ward.lib.cloud
import data.ward.lib.awscompute
import rego.v1

deny contains cloud.result(sprintf("ECS task definition %s sets %s of container %s in clear text", [cloud.label, e.name, c.name]), e.path) if {
	some c in awscompute.ecs_containers
	some e in c.environment
	awscompute.secret_variable(e.name, e.value)
}
