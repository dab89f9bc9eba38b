# METADATA
# title: Seccomp profile is Unconfined
# description: |
#   The pod or a container sets its seccomp profile to Unconfined (through
#   securityContext.seccompProfile or the legacy
#   seccomp.security.alpha.kubernetes.io annotations), so every system call is
#   available to the container, including those behind known kernel escapes.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
# custom:
#   id: WARD-K8S-0010
#   severity: MEDIUM
#   remediation: "Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile) and remove seccomp annotations with the value unconfined."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.7.2"]
#     nsa-cisa: ["pod-security/hardening"]
#     pss: ["baseline/seccomp"]
package ward.k8s.seccomp_unconfined

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s sets the pod seccomp profile to Unconfined", [k8s.object_label]),
	array.concat(k8s.pod_sc_path, ["seccompProfile", "type"]),
	"seccompProfile.type: Unconfined",
) if {
	k8s.pod_seccomp_type == "Unconfined"
}

deny contains k8s.result_evidence(
	sprintf("%s of %s sets its seccomp profile to Unconfined", [k8s.container_label(x), k8s.object_label]),
	array.concat(k8s.sc_path(x), ["seccompProfile", "type"]),
	"seccompProfile.type: Unconfined",
) if {
	some x in k8s.containers
	x.container.securityContext.seccompProfile.type == "Unconfined"
}

pod_annotation := "seccomp.security.alpha.kubernetes.io/pod"

container_annotation_prefix := "container.seccomp.security.alpha.kubernetes.io/"

deny contains k8s.result_evidence(
	sprintf("%s sets the pod seccomp profile to unconfined (annotation %s)", [k8s.object_label, pod_annotation]),
	array.concat(k8s.pod_meta_path, ["annotations", pod_annotation]),
	sprintf("%s: unconfined", [pod_annotation]),
) if {
	k8s.pod_annotations[pod_annotation] == "unconfined"
}

deny contains k8s.result_evidence(
	sprintf("%s runs container %q with seccomp unconfined (annotation %s)", [k8s.object_label, trim_prefix(key, container_annotation_prefix), key]),
	array.concat(k8s.pod_meta_path, ["annotations", key]),
	sprintf("%s: unconfined", [key]),
) if {
	some key, value in k8s.pod_annotations
	startswith(key, container_annotation_prefix)
	value == "unconfined"
}
