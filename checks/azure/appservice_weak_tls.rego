# METADATA
# title: App Service app allows TLS older than 1.2
# description: |
#   A minimum TLS version of 1.0 or 1.1 lets clients connect to the app with
#   deprecated protocol versions.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-tls-versions
# custom:
#   id: WARD-AZURE-0059
#   severity: HIGH
#   remediation: Set site_config.minimum_tls_version (min_tls_version for azurerm_app_service) to "1.2" or higher.
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     cis-azure: ["9.3"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.appservice_weak_tls

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s accepts TLS version %s", [cloud.label, input.min_tls_version]), ["min_tls_version"]) if {
	azure.weak_tls(input.min_tls_version)
}
