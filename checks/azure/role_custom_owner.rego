# METADATA
# title: Custom role grants all actions at subscription or root scope
# description: |
#   A custom role allowing every action ("*") assignable at the root ("/") or
#   at a whole subscription is an unreviewed subscription owner role; built-in
#   roles should be used for administration.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles
# custom:
#   id: WARD-AZURE-0073
#   severity: HIGH
#   remediation: Grant only the actions the role needs, or use the built-in Owner/Contributor roles under privileged access management.
#   input:
#     type: cloud
#     kinds: [azure.authorization.role_definition]
#   controls:
#     cis-azure: ["1.23"]
#     pci-dss-4.0: ["7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.azure.role_custom_owner

import data.ward.lib.cloud
import rego.v1

broad_scope(s) if s == "/"

broad_scope(s) if regex.match(`^/subscriptions/[^/]+/?$`, s)

deny contains cloud.result(sprintf("Custom role %s allows all actions at scope %s", [cloud.label, s]), ["assignable_scopes", i]) if {
	"*" in input.actions
	some i, s in input.assignable_scopes
	broad_scope(s)
}
