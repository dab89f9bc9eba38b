# METADATA
# title: Managed disk encryption settings are disabled
# description: |
#   A managed disk whose encryption_settings block sets enabled = false has
#   Azure Disk Encryption explicitly turned off for its contents.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption-overview
# custom:
#   id: WARD-AZURE-0057
#   severity: HIGH
#   remediation: Remove the disabled encryption_settings block or enable it with a Key Vault secret and key; prefer a disk encryption set with a customer-managed key.
#   input:
#     type: cloud
#     kinds: [azure.compute.managed_disk]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.disk_encryption_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Managed disk %s has encryption settings disabled", [cloud.label]), ["encryption_settings_enabled"]) if {
	input.encryption_settings_enabled == false
}
