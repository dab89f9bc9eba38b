# METADATA
# title: Database firewall rule allows the whole internet
# description: |
#   A server firewall rule from 0.0.0.0 to 255.255.255.255 (or any range
#   starting at 0.0.0.0 and ending at 255.255.255.255) lets every internet
#   address connect to the SQL, PostgreSQL, MySQL or MariaDB server.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure
# custom:
#   id: WARD-AZURE-0037
#   severity: HIGH
#   remediation: Allow only the address ranges of the clients that need access, or use private endpoints.
#   input:
#     type: cloud
#     kinds: [azure.sql.firewall_rule]
#   controls:
#     cis-azure: ["4.1.2"]
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.database_firewall_all_internet

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Firewall rule %s allows every internet address (%s-%s)", [cloud.label, input.start_ip_address, input.end_ip_address]), ["end_ip_address"]) if {
	input.start_ip_address in {"0.0.0.0", "0.0.0.1", "1.0.0.0"}
	input.end_ip_address == "255.255.255.255"
}
