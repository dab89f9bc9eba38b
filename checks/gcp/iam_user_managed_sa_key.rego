# METADATA
# title: "User-managed service account key"
# description: |
#   google_service_account_key creates a long-lived key for a service account;
#   the private key is stored in the Terraform state and can be copied and
#   used from anywhere until it is deleted.
# related_resources:
#   - https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys
# custom:
#   id: WARD-GCP-0040
#   severity: MEDIUM
#   remediation: "Use workload identity, attached service accounts or impersonation instead of keys."
#   input:
#     type: cloud
#     kinds: [google.iam.service_account_key]
#   controls:
#     cis-gcp: ["1.4"]
#     pci-dss-4.0: ["8.3.2", "8.6.3"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.gcp.iam_user_managed_sa_key

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Service account key %s is a user-managed key", [cloud.label]), ["user_managed"]) if {
	input.user_managed == true
}
