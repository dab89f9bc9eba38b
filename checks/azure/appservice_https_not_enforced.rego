# METADATA
# title: App Service app accepts plain HTTP
# description: |
#   An App Service web or function app with https_only false (the default)
#   serves requests over unencrypted HTTP instead of redirecting them to
#   HTTPS.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https
# custom:
#   id: WARD-AZURE-0058
#   severity: HIGH
#   remediation: Set https_only = true.
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     cis-azure: ["9.2"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.appservice_https_not_enforced

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s accepts unencrypted HTTP", [cloud.label]), ["https_only"]) if {
	input.https_only == false
}
