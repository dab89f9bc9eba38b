# METADATA
# title: Linux virtual machine allows password authentication
# description: |
#   A Linux VM with disable_password_authentication = false accepts SSH
#   password logins, which can be brute-forced; SSH keys should be the only
#   way in.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed
# custom:
#   id: WARD-AZURE-0055
#   severity: HIGH
#   remediation: Set disable_password_authentication = true (the default for azurerm_linux_virtual_machine) and provide admin_ssh_key.
#   input:
#     type: cloud
#     kinds: [azure.compute.virtual_machine]
#   controls:
#     pci-dss-4.0: ["8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.azure.vm_password_authentication

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Linux virtual machine %s allows password authentication", [cloud.label]), ["disable_password_authentication"]) if {
	input.os == "linux"
	input.disable_password_authentication == false
}
