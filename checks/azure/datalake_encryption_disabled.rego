# METADATA
# title: Data Lake Store encryption is disabled
# description: |
#   A Data Lake Storage Gen1 account with encryption_state Disabled stores
#   data unencrypted at rest.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/data-lake-store/data-lake-store-encryption
# custom:
#   id: WARD-AZURE-0077
#   severity: HIGH
#   remediation: Set encryption_state = "Enabled" (the default).
#   input:
#     type: cloud
#     kinds: [azure.datalake.store]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.datalake_encryption_disabled

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Data Lake Store %s is not encrypted at rest", [cloud.label]), ["encryption_state"]) if {
	azure.eq(input.encryption_state, "disabled")
}
