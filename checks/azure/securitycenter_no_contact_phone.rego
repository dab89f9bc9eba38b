# METADATA
# title: Defender for Cloud security contact has no phone number
# description: |
#   A security contact phone number lets Microsoft reach your security team
#   quickly about a compromise.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications
# custom:
#   id: WARD-AZURE-0070
#   severity: LOW
#   remediation: Set phone on azurerm_security_center_contact.
#   input:
#     type: cloud
#     kinds: [azure.securitycenter.contact]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["CC7.3"]
#     iso27001-2022: ["A.5.24"]
package ward.azure.securitycenter_no_contact_phone

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result("Defender for Cloud security contact has no phone number", ["phone"]) if {
	input.phone == ""
}
