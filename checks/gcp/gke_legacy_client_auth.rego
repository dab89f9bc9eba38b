# METADATA
# title: "GKE cluster uses legacy client authentication"
# description: |
#   A client certificate or basic-auth credentials for the control plane are
#   long-lived static credentials that cannot be revoked without rotating the
#   cluster's credentials.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth
# custom:
#   id: WARD-GCP-0062
#   severity: HIGH
#   remediation: "Remove master_auth username/password and set client_certificate_config.issue_client_certificate = false; authenticate with Google identities."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.gcp.gke_legacy_client_auth

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s issues a client certificate", [cloud.label]), ["issue_client_certificate"]) if {
	input.issue_client_certificate == true
}

deny contains cloud.result(sprintf("GKE cluster %s enables basic authentication", [cloud.label]), ["basic_auth"]) if {
	input.basic_auth == true
}
