# METADATA
# title: App Service app allows plain FTP deployments
# description: |
#   ftps_state AllAllowed (the default of azurerm_app_service and
#   azurerm_function_app) accepts unencrypted FTP, exposing deployment
#   credentials and code.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps
# custom:
#   id: WARD-AZURE-0060
#   severity: MEDIUM
#   remediation: Set site_config.ftps_state = "Disabled" (or "FtpsOnly").
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     cis-azure: ["9.10"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.appservice_ftp_allowed

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s allows unencrypted FTP", [cloud.label]), ["ftps_state"]) if {
	azure.eq(input.ftps_state, "allallowed")
}
