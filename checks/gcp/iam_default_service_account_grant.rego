# METADATA
# title: "IAM grants a role to a default service account"
# description: |
#   The Compute Engine and App Engine default service accounts are used by
#   every instance or app that does not name another account; granting them
#   roles gives those roles to all such workloads.
# related_resources:
#   - https://cloud.google.com/iam/docs/service-account-types#default
# custom:
#   id: WARD-GCP-0037
#   severity: MEDIUM
#   remediation: "Create a dedicated service account for the workload and grant the role to it."
#   input:
#     type: cloud
#     kinds: [google.project.iam, google.folder.iam, google.organization.iam]
#   controls:
#     pci-dss-4.0: ["2.2.2", "7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.gcp.iam_default_service_account_grant

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("IAM grant %s gives %s to the default service account %s", [cloud.label, input.role, m]), ["members"]) if {
	some m in input.members
	gcp.default_service_account(m)
}
