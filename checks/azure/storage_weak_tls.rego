# METADATA
# title: Storage account allows TLS older than 1.2
# description: |
#   A minimum TLS version of TLS1_0 or TLS1_1 lets clients negotiate
#   deprecated protocol versions with known weaknesses.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version
# custom:
#   id: WARD-AZURE-0002
#   severity: HIGH
#   remediation: Set min_tls_version = "TLS1_2" (the provider v4 default) or higher.
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     cis-azure: ["3.15"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.storage_weak_tls

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage account %s accepts TLS version %s", [cloud.label, input.min_tls_version]), ["min_tls_version"]) if {
	azure.weak_tls(input.min_tls_version)
}
