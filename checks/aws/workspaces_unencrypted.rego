# METADATA
# title: WorkSpaces volumes are not encrypted
# description: |
#   A workspace whose root or user volume is unencrypted stores the user's
#   data and system in clear on disk.
# related_resources:
#   - https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html
# custom:
#   id: WARD-AWS-0252
#   severity: HIGH
#   remediation: Set root_volume_encryption_enabled and user_volume_encryption_enabled (and a volume encryption key) to true.
#   input:
#     type: cloud
#     kinds: [aws.workspaces.workspace]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.workspaces_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("WorkSpace %s has an unencrypted root volume", [cloud.label]), ["root_volume_encryption_enabled"]) if {
	input.root_volume_encryption_enabled == false
}

deny contains cloud.result(sprintf("WorkSpace %s has an unencrypted user volume", [cloud.label]), ["user_volume_encryption_enabled"]) if {
	input.user_volume_encryption_enabled == false
}
