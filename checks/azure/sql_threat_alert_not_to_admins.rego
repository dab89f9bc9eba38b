# METADATA
# title: SQL server threat alerts are not sent to subscription admins
# description: |
#   With email_account_admins false, subscription owners and administrators
#   are not told about detected threats.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-configure
# custom:
#   id: WARD-AZURE-0036
#   severity: LOW
#   remediation: Set email_account_admins = true on the security alert policy.
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     pci-dss-4.0: ["10.7.2"]
#     soc2: ["CC7.3"]
#     iso27001-2022: ["A.5.25"]
package ward.azure.sql_threat_alert_not_to_admins

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s does not send threat alerts to subscription admins", [cloud.label]), ["security_alert_policy", "email_account_admins"]) if {
	input.security_alert_policy.enabled == true
	input.security_alert_policy.email_account_admins == false
}
