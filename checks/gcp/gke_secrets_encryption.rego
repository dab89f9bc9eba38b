# METADATA
# title: "GKE cluster does not encrypt secrets with Cloud KMS"
# description: |
#   Application-layer secrets encryption (database_encryption ENCRYPTED)
#   encrypts Kubernetes Secrets in etcd with a Cloud KMS key you control;
#   without it only Google's default storage encryption applies.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets
# custom:
#   id: WARD-GCP-0067
#   severity: LOW
#   remediation: "Add database_encryption { state = \"ENCRYPTED\", key_name = <Cloud KMS key> }."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.gke_secrets_encryption

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s does not encrypt secrets with a Cloud KMS key", [cloud.label]), ["database_encryption_state"]) if {
	is_string(input.database_encryption_state)
	upper(input.database_encryption_state) != "ENCRYPTED"
}
