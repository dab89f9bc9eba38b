# METADATA
# title: Container adds a capability other than NET_BIND_SERVICE
# description: |
#   The restricted profile allows a container to add back only
#   NET_BIND_SERVICE after dropping ALL capabilities. Pods with spec.os.name
#   windows are exempt, as in the standard.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: WARD-K8S-0022
#   severity: MEDIUM
#   remediation: Remove every entry but NET_BIND_SERVICE from securityContext.capabilities.add.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.9"]
#     nsa-cisa: ["pod-security/non-privileged"]
#     pss: ["restricted/capabilities"]
package ward.k8s.capabilities_restricted

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s adds capability %s; the restricted profile allows only NET_BIND_SERVICE", [k8s.container_label(x), k8s.object_label, cap.raw]),
	cap.path,
	sprintf("capabilities.add: %s", [cap.raw]),
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	some cap in k8s.added_capabilities(x)
	cap.name != "NET_BIND_SERVICE"
}
