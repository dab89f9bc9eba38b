# METADATA
# title: AKS node disks not encrypted with a customer-managed key
# description: |
#   Without disk_encryption_set_id, node OS and data disks are encrypted with
#   platform-managed keys whose rotation and revocation are outside your
#   control.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/azure-disk-customer-managed-keys
# custom:
#   id: WARD-AZURE-0052
#   severity: LOW
#   remediation: Set disk_encryption_set_id to an azurerm_disk_encryption_set backed by a Key Vault key.
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["3.6.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.azure.aks_no_disk_encryption_set

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s does not encrypt node disks with a customer-managed key", [cloud.label]), ["disk_encryption_set_id"]) if {
	input.disk_encryption_set_id == ""
}
