# METADATA
# title: Defender for Cloud does not email security alerts
# description: |
#   With alert_notifications false, the security contact receives no email
#   about high-severity alerts.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications
# custom:
#   id: WARD-AZURE-0068
#   severity: MEDIUM
#   remediation: Set alert_notifications = true.
#   input:
#     type: cloud
#     kinds: [azure.securitycenter.contact]
#   controls:
#     pci-dss-4.0: ["10.7.2"]
#     soc2: ["CC7.3"]
#     iso27001-2022: ["A.5.25"]
package ward.azure.securitycenter_alert_notifications_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result("Defender for Cloud does not send alert emails to the security contact", ["alert_notifications"]) if {
	input.alert_notifications == false
}
