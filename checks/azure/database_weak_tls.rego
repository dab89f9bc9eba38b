# METADATA
# title: Database server allows TLS older than 1.2
# description: |
#   A minimal TLS version of TLS1_0 or TLS1_1, or TLSEnforcementDisabled, lets
#   clients of a PostgreSQL or MySQL server use deprecated protocol versions.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/how-to-tls-configurations
# custom:
#   id: WARD-AZURE-0039
#   severity: HIGH
#   remediation: Set ssl_minimal_tls_version_enforced = "TLS1_2" (the default).
#   input:
#     type: cloud
#     kinds: [azure.database.postgresql_server, azure.database.mysql_server]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.database_weak_tls

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Database server %s accepts TLS version %s", [cloud.label, input.ssl_minimal_tls_version_enforced]), ["ssl_minimal_tls_version_enforced"]) if {
	azure.weak_tls(input.ssl_minimal_tls_version_enforced)
}

deny contains cloud.result(sprintf("Database server %s enforces no minimal TLS version", [cloud.label]), ["ssl_minimal_tls_version_enforced"]) if {
	azure.eq(input.ssl_minimal_tls_version_enforced, "tlsenforcementdisabled")
}
