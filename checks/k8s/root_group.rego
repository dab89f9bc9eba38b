# METADATA
# title: Pod or container runs with group 0
# description: |
#   runAsGroup 0, fsGroup 0 or a 0 in supplementalGroups gives the
#   processes the root group, which owns many files readable or writable only
#   by group root, in the image and on any host path or volume the pod mounts.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: WARD-K8S-0024
#   severity: LOW
#   remediation: Use a non-zero GID (10000 or above) for runAsGroup, fsGroup and supplementalGroups.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/non-root"]
package ward.k8s.root_group

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s sets %s 0 for the pod", [k8s.object_label, field]),
	array.concat(k8s.pod_sc_path, [field]),
	sprintf("%s: 0", [field]),
) if {
	some field in ["runAsGroup", "fsGroup"]
	k8s.pod_sc[field] == 0
}

deny contains k8s.result_evidence(
	sprintf("%s lists group 0 in supplementalGroups", [k8s.object_label]),
	array.concat(k8s.pod_sc_path, ["supplementalGroups", i]),
	"supplementalGroups: [0]",
) if {
	some i, g in object.get(k8s.pod_sc, "supplementalGroups", [])
	g == 0
}

deny contains k8s.result_evidence(
	sprintf("%s of %s sets runAsGroup 0", [k8s.container_label(x), k8s.object_label]),
	array.concat(k8s.sc_path(x), ["runAsGroup"]),
	"runAsGroup: 0",
) if {
	some x in k8s.containers
	x.container.securityContext.runAsGroup == 0
}
