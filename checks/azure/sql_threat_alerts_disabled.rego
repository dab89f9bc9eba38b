# METADATA
# title: SQL server threat detection has alert types disabled
# description: |
#   A security alert policy listing disabled_alerts (Sql_Injection,
#   Data_Exfiltration, Access_Anomaly, ...) silences detections of those
#   attacks.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-overview
# custom:
#   id: WARD-AZURE-0034
#   severity: MEDIUM
#   remediation: Leave disabled_alerts empty.
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     pci-dss-4.0: ["11.5.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.azure.sql_threat_alerts_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s threat detection disables the %s alert", [cloud.label, a]), ["security_alert_policy", "disabled_alerts", i]) if {
	input.security_alert_policy.enabled == true
	some i, a in input.security_alert_policy.disabled_alerts
}
