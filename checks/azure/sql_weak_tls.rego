# METADATA
# title: SQL server allows TLS older than 1.2
# description: |
#   A minimum_tls_version of 1.0 or 1.1 lets clients connect with deprecated
#   TLS versions.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#minimum-tls-version
# custom:
#   id: WARD-AZURE-0028
#   severity: HIGH
#   remediation: Set minimum_tls_version = "1.2" (the default).
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.sql_weak_tls

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s accepts TLS version %s", [cloud.label, input.minimum_tls_version]), ["minimum_tls_version"]) if {
	azure.weak_tls(input.minimum_tls_version)
}

deny contains cloud.result(sprintf("SQL server %s does not enforce a minimum TLS version", [cloud.label]), ["minimum_tls_version"]) if {
	azure.eq(input.minimum_tls_version, "disabled")
}
