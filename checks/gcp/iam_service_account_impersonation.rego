# METADATA
# title: "Service account user or token creator granted at project, folder or organization level"
# description: |
#   roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator
#   granted above a single service account lets the member act as every
#   service account in the project, folder or organization, and so gain all
#   their roles.
# related_resources:
#   - https://cloud.google.com/iam/docs/service-account-permissions
# custom:
#   id: WARD-GCP-0035
#   severity: MEDIUM
#   remediation: "Grant these roles on the individual service account (google_service_account_iam_member) instead."
#   input:
#     type: cloud
#     kinds: [google.project.iam, google.folder.iam, google.organization.iam]
#   controls:
#     cis-gcp: ["1.6"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.iam_service_account_impersonation

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM grant %s gives %s at %s level", [cloud.label, input.role, input.scope]), ["role"]) if {
	input.role in {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}
}
