# METADATA
# title: Defender for Cloud plan is on the Free tier
# description: |
#   A Defender for Cloud plan on the Free tier gives only posture
#   recommendations: no threat detection, vulnerability assessment or just-in-
#   time access for the covered resource type.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-cloud-introduction
# custom:
#   id: WARD-AZURE-0066
#   severity: MEDIUM
#   remediation: Set tier = "Standard" for the resource types you run.
#   input:
#     type: cloud
#     kinds: [azure.securitycenter.subscription_pricing]
#   controls:
#     pci-dss-4.0: ["11.5.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.azure.securitycenter_free_tier

import data.ward.lib.azure
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Defender for Cloud plan %s is on the Free tier", [input.resource_type]), ["tier"]) if {
	azure.eq(input.tier, "free")
}
