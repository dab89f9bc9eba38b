# METADATA
# title: Defender for Cloud security contact has no email
# description: |
#   Without a security contact email address, Microsoft cannot notify your
#   security team about detected compromises of your resources.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications
# custom:
#   id: WARD-AZURE-0067
#   severity: MEDIUM
#   remediation: Set email on azurerm_security_center_contact to a monitored security mailbox.
#   input:
#     type: cloud
#     kinds: [azure.securitycenter.contact]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["CC7.3"]
#     iso27001-2022: ["A.5.24"]
package ward.azure.securitycenter_no_contact_email

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result("Defender for Cloud security contact has no email address", ["email"]) if {
	input.email == ""
}
