# METADATA
# title: SQL server has no Microsoft Entra administrator
# description: |
#   Without a Microsoft Entra ID (Azure AD) administrator, the server can only
#   use SQL authentication: no central identity management, MFA or conditional
#   access for database users.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/authentication-aad-configure
# custom:
#   id: WARD-AZURE-0030
#   severity: MEDIUM
#   remediation: Declare an azuread_administrator block.
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     cis-azure: ["4.1.4"]
#     pci-dss-4.0: ["8.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.16"]
package ward.azure.sql_no_entra_admin

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s has no Microsoft Entra administrator", [cloud.label]), ["azuread_administrator"]) if {
	input.azuread_administrator == false
}
