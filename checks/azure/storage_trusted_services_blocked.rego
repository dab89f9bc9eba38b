# METADATA
# title: Storage account firewall does not let trusted Microsoft services through
# description: |
#   Network rules whose bypass list lacks AzureServices block trusted
#   Microsoft services (backup, Defender, monitoring, Event Grid) from
#   reaching the account once the firewall denies by default.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services
# custom:
#   id: WARD-AZURE-0005
#   severity: MEDIUM
#   remediation: Include "AzureServices" in the bypass list of network_rules or azurerm_storage_account_network_rules.
#   input:
#     type: cloud
#     kinds: [azure.storage.account, azure.storage.network_rules]
#   controls:
#     cis-azure: ["3.9"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.azure.storage_trusted_services_blocked

import data.ward.lib.cloud
import rego.v1

no_azure_services(b) if {
	is_array(b)
	every x in b {
		is_string(x)
		lower(x) != "azureservices"
	}
}

deny contains cloud.result(sprintf("Storage account %s network rules do not let trusted Azure services through", [cloud.label]), ["network_rules", "bypass"]) if {
	input.network_rules.separate == false
	no_azure_services(input.network_rules.bypass)
}

deny contains cloud.result(sprintf("Storage account network rules %s do not let trusted Azure services through", [cloud.label]), ["bypass"]) if {
	no_azure_services(input.bypass)
}
