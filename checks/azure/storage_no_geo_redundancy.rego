# METADATA
# title: Storage account is not geo-redundant
# description: |
#   Locally redundant (LRS) and zone-redundant (ZRS) replication keep every
#   copy in one region, so a regional outage or disaster makes the data
#   unavailable or lost.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy
# custom:
#   id: WARD-AZURE-0011
#   severity: LOW
#   remediation: Use account_replication_type GRS, RAGRS, GZRS or RAGZRS for data that must survive a regional outage.
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.14"]
package ward.azure.storage_no_geo_redundancy

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s replicates only within one region (%s)", [cloud.label, input.account_replication_type]), ["account_replication_type"]) if {
	upper(input.account_replication_type) in {"LRS", "ZRS"}
}
