# METADATA
# title: "IAM grants a role to allUsers or allAuthenticatedUsers"
# description: |
#   A project, folder or organization grant to allUsers or
#   allAuthenticatedUsers gives the role to anyone on the internet (or any
#   Google account).
# related_resources:
#   - https://cloud.google.com/iam/docs/overview#all-users
# custom:
#   id: WARD-GCP-0036
#   severity: HIGH
#   remediation: "Remove allUsers and allAuthenticatedUsers; grant named groups or service accounts."
#   input:
#     type: cloud
#     kinds: [google.project.iam, google.folder.iam, google.organization.iam]
#   controls:
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.gcp.iam_public_member

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("IAM grant %s gives %s to %s", [cloud.label, input.role, m]), ["members"]) if {
	some m in input.members
	gcp.public_member(m)
}
