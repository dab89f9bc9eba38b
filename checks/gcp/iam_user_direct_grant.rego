# METADATA
# title: "IAM role granted directly to a user"
# description: |
#   Roles granted to individual user accounts are hard to review and are often
#   left behind when people change teams; grant roles to groups.
# related_resources:
#   - https://cloud.google.com/iam/docs/best-practices-for-managing-access
# custom:
#   id: WARD-GCP-0038
#   severity: LOW
#   remediation: "Grant the role to a Google group and manage membership there."
#   input:
#     type: cloud
#     kinds: [google.project.iam, google.folder.iam, google.organization.iam]
#   controls:
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.iam_user_direct_grant

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM grant %s gives %s directly to %s", [cloud.label, input.role, m]), ["members"]) if {
	some m in input.members
	is_string(m)
	startswith(m, "user:")
}
