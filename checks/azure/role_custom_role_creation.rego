# METADATA
# title: Custom role can create or change role definitions
# description: |
#   A custom role allowing Microsoft.Authorization/roleDefinitions/write
#   (directly or through Microsoft.Authorization/* or *) lets its holders
#   define new roles and escalate their own privileges.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles
# custom:
#   id: WARD-AZURE-0074
#   severity: MEDIUM
#   remediation: Remove role definition write access from custom roles; keep it with a few privileged administrators.
#   input:
#     type: cloud
#     kinds: [azure.authorization.role_definition]
#   controls:
#     pci-dss-4.0: ["7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.azure.role_custom_role_creation

import data.ward.lib.cloud
import rego.v1

escalating(a) if lower(a) in {"*", "microsoft.authorization/*", "microsoft.authorization/roledefinitions/*", "microsoft.authorization/roledefinitions/write", "microsoft.authorization/*/write"}

deny contains cloud.result(sprintf("Custom role %s allows %s, which can create role definitions", [cloud.label, a]), ["actions", i]) if {
	some i, a in input.actions
	escalating(a)
}
