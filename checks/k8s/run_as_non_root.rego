# METADATA
# title: Container may run as root
# description: |
#   runAsNonRoot is not true for the container, either on the container or
#   inherited from the pod's securityContext, so nothing stops it from
#   running as UID 0 when the image has no USER or USER root. The restricted
#   profile requires runAsNonRoot true; a container may leave it unset only
#   when the pod sets it, and may not override it with false.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: WARD-K8S-0018
#   severity: MEDIUM
#   remediation: "Set spec.securityContext.runAsNonRoot: true on the pod (and do not override it with false on containers), and run the image as a non-root user."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.7"]
#     nsa-cisa: ["pod-security/non-root"]
#     pss: ["restricted/running-as-non-root"]
package ward.k8s.run_as_non_root

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s has runAsNonRoot %v", [k8s.container_label(x), k8s.object_label, v]),
	k8s.effective_path(x, "runAsNonRoot"),
	sprintf("runAsNonRoot: %v", [v]),
) if {
	some x in k8s.containers
	v := k8s.effective(x, "runAsNonRoot")
	v != null
	v != true
}

deny contains k8s.result(
	sprintf("%s of %s does not set runAsNonRoot (neither on the container nor on the pod)", [k8s.container_label(x), k8s.object_label]),
	x.path,
) if {
	some x in k8s.containers
	k8s.effective(x, "runAsNonRoot") == null
}
