# METADATA
# title: "Service account is granted an administrative role"
# description: |
#   A service account holds Owner, Editor or an *Admin role at project, folder
#   or organization level; anyone who can act as it, or steal its key, gets
#   those privileges.
# related_resources:
#   - https://cloud.google.com/iam/docs/best-practices-service-accounts
# custom:
#   id: WARD-GCP-0034
#   severity: HIGH
#   remediation: "Grant service accounts only the specific roles their workload needs."
#   input:
#     type: cloud
#     kinds: [google.project.iam, google.folder.iam, google.organization.iam]
#   controls:
#     cis-gcp: ["1.5"]
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.iam_privileged_service_account

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM grant %s gives %s the administrative role %s", [cloud.label, m, input.role]), ["members"]) if {
	admin_role(input.role)
	some m in input.members
	startswith(m, "serviceAccount:")
}

admin_role(r) if r in {"roles/owner", "roles/editor"}

admin_role(r) if {
	is_string(r)
	endswith(lower(r), "admin")
}
