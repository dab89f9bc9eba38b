# METADATA
# title: Container registry admin user is enabled
# description: |
#   The registry admin user is a single shared account with push and pull
#   rights whose password is rarely rotated; Entra ID identities and tokens
#   should be used instead.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account
# custom:
#   id: WARD-AZURE-0054
#   severity: MEDIUM
#   remediation: Set admin_enabled = false (the default).
#   input:
#     type: cloud
#     kinds: [azure.container.registry]
#   controls:
#     pci-dss-4.0: ["8.2.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.16"]
package ward.azure.acr_admin_enabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Container registry %s has the admin user enabled", [cloud.label]), ["admin_enabled"]) if {
	input.admin_enabled == true
}
