# METADATA
# title: Pod or container runs as UID 0
# description: |
#   securityContext.runAsUser is 0, so the process runs as root whatever
#   the image declares. The restricted profile forbids runAsUser 0 on the
#   pod and on every container.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: WARD-K8S-0019
#   severity: MEDIUM
#   remediation: Set runAsUser to a non-zero UID (10000 or above avoids clashing with host users) or remove it and run the image as a non-root user.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.7"]
#     nsa-cisa: ["pod-security/non-root"]
#     pss: ["restricted/running-as-non-root-user"]
package ward.k8s.run_as_root_user

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s sets runAsUser 0 for the pod", [k8s.object_label]),
	array.concat(k8s.pod_sc_path, ["runAsUser"]),
	"runAsUser: 0",
) if {
	k8s.pod_sc.runAsUser == 0
}

deny contains k8s.result_evidence(
	sprintf("%s of %s sets runAsUser 0", [k8s.container_label(x), k8s.object_label]),
	array.concat(k8s.sc_path(x), ["runAsUser"]),
	"runAsUser: 0",
) if {
	some x in k8s.containers
	x.container.securityContext.runAsUser == 0
}
