# METADATA
# title: Container runs with a low UID
# description: |
#   The container's effective runAsUser (its own or the pod's) is between 1
#   and 9999. Low UIDs are often used by accounts on the node, so a process
#   that escapes the container would act as that host user. UID 0 is reported
#   by WARD-K8S-0019; an unset runAsUser is not reported here (see
#   WARD-K8S-0018).
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: WARD-K8S-0025
#   severity: LOW
#   remediation: Run as a UID of 10000 or above (set runAsUser and build the image with a matching USER).
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/non-root"]
package ward.k8s.low_uid

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s runs as UID %v, below 10000", [k8s.container_label(x), k8s.object_label, uid]),
	k8s.effective_path(x, "runAsUser"),
	sprintf("runAsUser: %v", [uid]),
) if {
	some x in k8s.containers
	uid := k8s.effective(x, "runAsUser")
	is_number(uid)
	uid > 0
	uid < 10000
}
