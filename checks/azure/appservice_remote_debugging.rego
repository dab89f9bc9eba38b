# METADATA
# title: App Service app has remote debugging enabled
# description: |
#   Remote debugging opens additional inbound ports and lets debugger clients
#   attach to the running app; it should only be on temporarily.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-common
# custom:
#   id: WARD-AZURE-0065
#   severity: LOW
#   remediation: Set site_config.remote_debugging_enabled = false (the default).
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     pci-dss-4.0: ["2.2.4"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.9"]
package ward.azure.appservice_remote_debugging

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s has remote debugging enabled", [cloud.label]), ["remote_debugging_enabled"]) if {
	input.remote_debugging_enabled == true
}
