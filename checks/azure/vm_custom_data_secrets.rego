# METADATA
# title: Virtual machine custom data contains secrets
# description: |
#   Custom data is readable by anyone with read access to the VM model and by
#   every process on the machine (through the instance metadata service);
#   passwords, keys and tokens put there are exposed.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-machines/custom-data
# custom:
#   id: WARD-AZURE-0056
#   severity: MEDIUM
#   remediation: Fetch secrets at boot from Key Vault with the VM managed identity instead of embedding them in custom_data.
#   input:
#     type: cloud
#     kinds: [azure.compute.virtual_machine]
#   controls:
#     pci-dss-4.0: ["8.3.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.azure.vm_custom_data_secrets

import data.ward.lib.cloud
import rego.v1

decoded := d if {
	base64.is_valid(input.custom_data)
	d := base64.decode(input.custom_data)
} else := input.custom_data

secret_pattern := `(?i)(password|passwd|pwd|secret|token|api_?key|access_?key|private_?key|client_?secret)["']?\s*[:=]\s*\\?["']?[^\s"'$]{4,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}`

deny contains cloud.result(sprintf("Custom data of virtual machine %s contains what looks like a secret", [cloud.label]), ["custom_data"]) if {
	is_string(decoded)
	regex.match(secret_pattern, decoded)
}
