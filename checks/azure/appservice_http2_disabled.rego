# METADATA
# title: App Service app does not enable HTTP/2
# description: |
#   HTTP/2 fixes head-of-line blocking and header compression weaknesses of
#   HTTP/1.1 and is off by default.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-common
# custom:
#   id: WARD-AZURE-0061
#   severity: LOW
#   remediation: Set site_config.http2_enabled = true.
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     cis-azure: ["9.9"]
#     pci-dss-4.0: ["6.3.3"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.azure.appservice_http2_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s does not enable HTTP/2", [cloud.label]), ["http2_enabled"]) if {
	input.http2_enabled == false
}
