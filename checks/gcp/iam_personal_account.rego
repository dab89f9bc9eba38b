# METADATA
# title: "IAM role granted to a personal email account"
# description: |
#   A consumer account (gmail.com, outlook.com, yahoo.com ...) is outside the
#   organization's identity management: it is not deprovisioned when the
#   person leaves and its security settings are not enforced.
# related_resources:
#   - https://cloud.google.com/iam/docs/best-practices-for-managing-access
# custom:
#   id: WARD-GCP-0039
#   severity: MEDIUM
#   remediation: "Grant roles to corporate identities (Cloud Identity or Google Workspace) only."
#   input:
#     type: cloud
#     kinds: [google.project.iam, google.folder.iam, google.organization.iam]
#   controls:
#     cis-gcp: ["1.1"]
#     pci-dss-4.0: ["8.2.1"]
#     soc2: ["CC6.2"]
#     iso27001-2022: ["A.5.16"]
package ward.gcp.iam_personal_account

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("IAM grant %s gives %s to the personal account %s", [cloud.label, input.role, m]), ["members"]) if {
	some m in input.members
	is_string(m)
	startswith(m, "user:")
	parts := split(lower(m), "@")
	parts[count(parts) - 1] in personal_domains
}

personal_domains := {
	"gmail.com", "googlemail.com", "hotmail.com", "outlook.com", "live.com", "msn.com",
	"yahoo.com", "ymail.com", "aol.com", "icloud.com", "me.com", "protonmail.com", "proton.me",
	"gmx.com", "gmx.de", "mail.com", "yandex.com", "qq.com",
}
