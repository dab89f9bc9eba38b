# METADATA
# title: "Workload identity pool provider has no attribute condition"
# description: |
#   Without attribute_condition, every identity the external issuer vouches
#   for (for example any GitHub repository, or any AWS account role) can
#   exchange its token for Google credentials.
# related_resources:
#   - https://cloud.google.com/iam/docs/workload-identity-federation#conditions
# custom:
#   id: WARD-GCP-0041
#   severity: HIGH
#   remediation: "Set attribute_condition to restrict the accepted identities, e.g. assertion.repository_owner == 'acme'."
#   input:
#     type: cloud
#     kinds: [google.iam.workload_identity_pool_provider]
#   controls:
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.gcp.iam_wif_provider_no_condition

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Workload identity pool provider %s accepts every identity of its issuer", [cloud.label]), ["attribute_condition"]) if {
	input.attribute_condition == ""
}
