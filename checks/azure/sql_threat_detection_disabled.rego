# METADATA
# title: SQL server threat detection is disabled
# description: |
#   Without an enabled security alert policy (Microsoft Defender for SQL
#   threat detection), SQL injection, anomalous access and data exfiltration
#   attempts raise no alert.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-overview
# custom:
#   id: WARD-AZURE-0033
#   severity: MEDIUM
#   remediation: Declare azurerm_mssql_server_security_alert_policy with state = "Enabled".
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     pci-dss-4.0: ["11.5.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.azure.sql_threat_detection_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s has threat detection disabled", [cloud.label]), ["security_alert_policy", "enabled"]) if {
	input.security_alert_policy.enabled == false
}
