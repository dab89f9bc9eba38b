# METADATA
# title: "IAM grants a basic Owner or Editor role"
# description: |
#   The basic roles Owner and Editor grant thousands of permissions across
#   every service; a grant at project, folder or organization level violates
#   least privilege.
# related_resources:
#   - https://cloud.google.com/iam/docs/understanding-roles#basic
# custom:
#   id: WARD-GCP-0033
#   severity: MEDIUM
#   remediation: "Grant predefined or custom roles limited to what the member needs."
#   input:
#     type: cloud
#     kinds: [google.project.iam, google.folder.iam, google.organization.iam]
#   controls:
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.iam_basic_role

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM grant %s gives the basic role %s at %s level", [cloud.label, input.role, input.scope]), ["role"]) if {
	input.role in {"roles/owner", "roles/editor"}
}
