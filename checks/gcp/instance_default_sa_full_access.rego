# METADATA
# title: "Compute instance uses the default service account with full API access"
# description: |
#   The instance runs as the Compute Engine default service account with the
#   cloud-platform scope, so any process on it can use every permission of
#   that account (often Editor on the project).
# related_resources:
#   - https://cloud.google.com/compute/docs/access/service-accounts#scopes_best_practice
# custom:
#   id: WARD-GCP-0014
#   severity: HIGH
#   remediation: "Use a dedicated least-privilege service account, or at least restrict the scopes of the default one."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.2"]
#     pci-dss-4.0: ["2.2.2", "7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.gcp.instance_default_sa_full_access

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s runs as the default service account with the cloud-platform scope", [cloud.label]), ["service_account", "scopes"]) if {
	input.service_account.configured == true
	default_email(input.service_account.email)
	some sc in input.service_account.scopes
	sc in {"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}
}

default_email(e) if e in {"", "default"}

default_email(e) if gcp.default_service_account(e)
