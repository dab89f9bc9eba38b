# METADATA
# title: Seccomp profile is not RuntimeDefault or Localhost
# description: |
#   The restricted profile requires a seccomp profile to be set explicitly
#   to RuntimeDefault or Localhost, on the pod or on every container; an
#   unset profile (which most runtimes treat as Unconfined) and Unconfined
#   both fail. Pods with spec.os.name windows are exempt, as in the standard.
#   The legacy seccomp annotations are not accepted in place of the field.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
# custom:
#   id: WARD-K8S-0020
#   severity: MEDIUM
#   remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a reviewed profile)."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.7.2"]
#     nsa-cisa: ["pod-security/hardening"]
#     pss: ["restricted/seccomp"]
package ward.k8s.seccomp_restricted

import data.ward.lib.k8s
import rego.v1

allowed := {"RuntimeDefault", "Localhost"}

deny contains k8s.result_evidence(
	sprintf("%s sets the pod seccomp profile to %v", [k8s.object_label, t]),
	array.concat(k8s.pod_sc_path, ["seccompProfile", "type"]),
	sprintf("seccompProfile.type: %v", [t]),
) if {
	not k8s.is_windows_pod
	t := k8s.pod_seccomp_type
	t != null
	not t in allowed
}

deny contains k8s.result_evidence(
	sprintf("%s of %s sets its seccomp profile to %v", [k8s.container_label(x), k8s.object_label, t]),
	array.concat(k8s.sc_path(x), ["seccompProfile", "type"]),
	sprintf("seccompProfile.type: %v", [t]),
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	t := x.container.securityContext.seccompProfile.type
	t != null
	not t in allowed
}

deny contains k8s.result(
	sprintf("%s of %s has no seccomp profile (neither on the container nor on the pod)", [k8s.container_label(x), k8s.object_label]),
	x.path,
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	k8s.effective_seccomp_type(x) == null
}
