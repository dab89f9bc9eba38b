# METADATA
# title: App Service authentication is disabled
# description: |
#   Without App Service authentication (Easy Auth) enabled, anonymous requests
#   reach the application code, which must then authenticate every request
#   itself.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/overview-authentication-authorization
# custom:
#   id: WARD-AZURE-0063
#   severity: MEDIUM
#   remediation: Enable auth_settings_v2 { auth_enabled = true ... } (auth_settings { enabled = true } for azurerm_app_service) with an identity provider.
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     cis-azure: ["9.1"]
#     pci-dss-4.0: ["8.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.azure.appservice_auth_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s has App Service authentication disabled", [cloud.label]), ["auth_enabled"]) if {
	input.auth_enabled == false
}
