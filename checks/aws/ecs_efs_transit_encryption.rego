# METADATA
# title: ECS task definition mounts EFS without transit encryption
# description: |
#   An EFS volume mounted without transit encryption sends file data between
#   the task and EFS in clear text.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html
# custom:
#   id: WARD-AWS-0229
#   severity: HIGH
#   remediation: Set efs_volume_configuration transit_encryption (TransitEncryption) to ENABLED.
#   input:
#     type: cloud
#     kinds: [aws.ecs.task_definition]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.ecs_efs_transit_encryption

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ECS task definition %s mounts EFS volume %s without transit encryption", [cloud.label, v.volume_name]), ["volumes", i, "efs_transit_encryption"]) if {
	some i, v in input.volumes
	v.efs == true
	upper(v.efs_transit_encryption) != "ENABLED"
}
