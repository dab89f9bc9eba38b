# METADATA
# title: ECS container root filesystem is writable
# description: |
#   A container with a writable root filesystem lets an attacker who gets code
#   execution modify binaries and persist.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
# custom:
#   id: WARD-AWS-0230
#   severity: LOW
#   remediation: Set readonlyRootFilesystem (ReadonlyRootFilesystem) to true and mount volumes for paths that must be written.
#   input:
#     type: cloud
#     kinds: [aws.ecs.task_definition]
#   controls:
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC6.8"]
#     iso27001-2022: ["A.8.9"]
package ward.aws.ecs_writable_root_fs

import data.ward.lib.cloud
import data.ward.lib.awscompute
import rego.v1

path(c, field) := array.concat(c.path, [field]) if c.path[0] == "containers"

path(c, _) := c.path if c.path[0] != "containers"

deny contains cloud.result(sprintf("ECS task definition %s runs container %s with a writable root filesystem", [cloud.label, c.name]), path(c, "readonly_root_filesystem")) if {
	some c in awscompute.ecs_containers
	c.readonly_root_filesystem == false
}
