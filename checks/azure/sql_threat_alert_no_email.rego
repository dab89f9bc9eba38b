# METADATA
# title: SQL server threat alerts are sent to no email address
# description: |
#   A security alert policy with no email_addresses sends alerts nowhere
#   besides the portal, so attacks go unnoticed.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-configure
# custom:
#   id: WARD-AZURE-0035
#   severity: MEDIUM
#   remediation: Set email_addresses on the security alert policy to a monitored security mailbox.
#   input:
#     type: cloud
#     kinds: [azure.sql.server]
#   controls:
#     pci-dss-4.0: ["10.7.2"]
#     soc2: ["CC7.3"]
#     iso27001-2022: ["A.5.25"]
package ward.azure.sql_threat_alert_no_email

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQL server %s sends threat alerts to no email address", [cloud.label]), ["security_alert_policy", "email_addresses"]) if {
	input.security_alert_policy.enabled == true
	input.security_alert_policy.email_addresses == []
}
