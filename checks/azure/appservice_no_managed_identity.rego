# METADATA
# title: App Service app has no managed identity
# description: |
#   Without a managed identity the app must store credentials (connection
#   strings, keys) to reach other Azure services instead of using Entra ID
#   tokens.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity
# custom:
#   id: WARD-AZURE-0064
#   severity: LOW
#   remediation: Declare identity { type = "SystemAssigned" } (or UserAssigned) and grant it access to the services the app uses.
#   input:
#     type: cloud
#     kinds: [azure.appservice.app]
#   controls:
#     cis-azure: ["9.5"]
#     pci-dss-4.0: ["8.6.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.azure.appservice_no_managed_identity

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("App %s has no managed identity", [cloud.label]), ["identity"]) if {
	input.identity == false
}
