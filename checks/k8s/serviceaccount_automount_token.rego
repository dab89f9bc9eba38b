# METADATA
# title: ServiceAccount automounts its API token
# description: |
#   A ServiceAccount without automountServiceAccountToken: false has its API
#   token mounted into every pod that uses it, whether or not the pod talks
#   to the API server. A compromised container can then use it against the
#   cluster.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: WARD-K8S-0060
#   severity: LOW
#   remediation: Set automountServiceAccountToken to false on the ServiceAccount and opt in per pod where the token is needed.
#   input:
#     type: kubernetes
#     kinds: [ServiceAccount]
#   controls:
#     cis-kubernetes: ["5.1.6"]
#     nsa-cisa: ["pod-security/service-account-tokens"]
package ward.k8s.serviceaccount_automount_token

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("ServiceAccount %q automounts its API token into pods", [k8s.name]),
	["automountServiceAccountToken"],
	sprintf("automountServiceAccountToken: %v", [input.automountServiceAccountToken]),
) if {
	input.automountServiceAccountToken != false
}

deny contains k8s.result(
	sprintf("ServiceAccount %q does not set automountServiceAccountToken: false", [k8s.name]),
	["metadata"],
) if {
	not "automountServiceAccountToken" in object.keys(input)
}
