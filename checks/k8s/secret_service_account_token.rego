# METADATA
# title: Long-lived service account token Secret
# description: |
#   A Secret of type kubernetes.io/service-account-token makes the token
#   controller issue a token that never expires and is not bound to a pod:
#   once leaked it works until the Secret is deleted.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/service-accounts/#get-a-token
# custom:
#   id: WARD-K8S-0089
#   severity: MEDIUM
#   remediation: Use short-lived tokens (projected service account token volumes, or kubectl create token / the TokenRequest API) and delete the Secret.
#   input:
#     type: kubernetes
#     kinds: [Secret]
#   controls:
#     cis-kubernetes: ["5.1.6"]
#     nsa-cisa: ["pod-security/service-account-tokens"]
package ward.k8s.secret_service_account_token

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("Secret %q requests a long-lived token for service account %q", [k8s.name, sa]),
	["type"],
	"type: kubernetes.io/service-account-token",
) if {
	input.type == "kubernetes.io/service-account-token"
	sa := object.get(input, ["metadata", "annotations", "kubernetes.io/service-account.name"], "")
}
