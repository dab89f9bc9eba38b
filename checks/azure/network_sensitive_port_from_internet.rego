# METADATA
# title: Network security group exposes a sensitive service port to the internet
# description: |
#   Inbound Allow rules from any address to ports of services that should
#   never face the internet (FTP 20-21, Telnet 23, SMTP 25, DNS 53,
#   NetBIOS/SMB 135-139 and 445, SQL Server 1433, Oracle 1521, MySQL 3306,
#   PostgreSQL 5432, VNC 5900, Redis 6379, Elasticsearch 9200, Memcached
#   11211, MongoDB 27017) expose them to scanning and exploitation. SSH and
#   RDP have their own checks.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
# custom:
#   id: WARD-AZURE-0016
#   severity: HIGH
#   remediation: Restrict the source of the rule to trusted address ranges or reach these services through a private network.
#   input:
#     type: cloud
#     kinds: [azure.network.security_group, azure.network.security_rule]
#   controls:
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.azure.network_sensitive_port_from_internet

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

sensitive := {20, 21, 23, 25, 53, 135, 137, 138, 139, 445, 1433, 1434, 1521, 3306, 5432, 5900, 6379, 9200, 11211, 27017}

deny contains cloud.result(sprintf("Security rule of %s exposes port %d to the internet", [cloud.label, port]), array.concat(p, pp)) if {
	some [p, r] in azure.rules
	azure.exposed(r)
	some [pp, s] in azure.port_specs(r)
	not azure.all_ports(s)
	port := min({q | some q in sensitive; azure.port_covers(s, q)})
}
