# METADATA
# title: Defender for Cloud does not email subscription owners
# description: |
#   With alerts_to_admins false, subscription owners and administrators are
#   not told about security alerts.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications
# custom:
#   id: WARD-AZURE-0069
#   severity: LOW
#   remediation: Set alerts_to_admins = true.
#   input:
#     type: cloud
#     kinds: [azure.securitycenter.contact]
#   controls:
#     pci-dss-4.0: ["10.7.2"]
#     soc2: ["CC7.3"]
#     iso27001-2022: ["A.5.25"]
package ward.azure.securitycenter_alerts_not_to_admins

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result("Defender for Cloud does not send alert emails to subscription admins", ["alerts_to_admins"]) if {
	input.alerts_to_admins == false
}
