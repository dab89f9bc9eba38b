# METADATA
# title: Data factory is reachable from public networks
# description: |
#   With public_network_enabled true (the default) the data factory accepts
#   connections from the internet instead of only through private endpoints.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/data-factory/data-factory-private-link
# custom:
#   id: WARD-AZURE-0075
#   severity: MEDIUM
#   remediation: Set public_network_enabled = false and use private endpoints and a managed virtual network.
#   input:
#     type: cloud
#     kinds: [azure.datafactory.factory]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.datafactory_public_network

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Data factory %s allows public network access", [cloud.label]), ["public_network_enabled"]) if {
	input.public_network_enabled == true
}
