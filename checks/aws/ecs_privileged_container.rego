# METADATA
# title: ECS task definition runs a privileged container
# description: |
#   A privileged container has root on the host instance: escaping the
#   container is trivial.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
# custom:
#   id: WARD-AWS-0227
#   severity: HIGH
#   remediation: Remove privileged (Privileged) from the container definition.
#   input:
#     type: cloud
#     kinds: [aws.ecs.task_definition]
#   controls:
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.2"]
package ward.aws.ecs_privileged_container

import data.ward.lib.cloud
import data.ward.lib.awscompute
import rego.v1

path(c, field) := array.concat(c.path, [field]) if c.path[0] == "containers"

path(c, _) := c.path if c.path[0] != "containers"

deny contains cloud.result(sprintf("ECS task definition %s runs container %s privileged", [cloud.label, c.name]), path(c, "privileged")) if {
	some c in awscompute.ecs_containers
	c.privileged == true
}
