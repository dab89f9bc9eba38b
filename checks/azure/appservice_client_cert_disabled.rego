# METADATA
# title: App Service app does not request client certificates
# description: |
#   Without incoming client certificates (mutual TLS) only the application
#   authenticates callers; client certificates add a strong transport-level
#   identity check.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth
# custom:
#   id: WARD-AZURE-0062
#   severity: LOW
#   remediation: Set client_certificate_enabled = true (client_cert_enabled for azurerm_app_service) with an appropriate client_certificate_mode.
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     cis-azure: ["9.4"]
#     pci-dss-4.0: ["8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.azure.appservice_client_cert_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s does not request client certificates", [cloud.label]), ["client_cert_enabled"]) if {
	input.client_cert_enabled == false
}
