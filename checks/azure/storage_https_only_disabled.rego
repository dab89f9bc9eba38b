# METADATA
# title: Storage account accepts plain HTTP
# description: |
#   With secure transfer disabled (https_traffic_only_enabled = false,
#   enable_https_traffic_only before provider v4) the account accepts requests
#   over unencrypted HTTP, exposing data and shared keys in transit.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer
# custom:
#   id: WARD-AZURE-0001
#   severity: HIGH
#   remediation: Set https_traffic_only_enabled = true (the default).
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     cis-azure: ["3.1"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.storage_https_only_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s accepts unencrypted HTTP requests", [cloud.label]), ["https_traffic_only_enabled"]) if {
	input.https_traffic_only_enabled == false
}
