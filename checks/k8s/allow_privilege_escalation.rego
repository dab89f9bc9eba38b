# METADATA
# title: Container allows privilege escalation
# description: |
#   securityContext.allowPrivilegeEscalation is not set to false, so the
#   container's processes can gain more privileges than their parent through
#   setuid/setgid binaries or file capabilities (no_new_privs is not set).
#   The restricted profile requires false on every container. Pods with
#   spec.os.name windows are exempt, as in the standard.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: WARD-K8S-0017
#   severity: MEDIUM
#   remediation: "Set securityContext.allowPrivilegeEscalation: false on every container."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.6"]
#     nsa-cisa: ["pod-security/privilege-escalation"]
#     pss: ["restricted/privilege-escalation"]
package ward.k8s.allow_privilege_escalation

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s sets allowPrivilegeEscalation to %v", [k8s.container_label(x), k8s.object_label, v]),
	array.concat(k8s.sc_path(x), ["allowPrivilegeEscalation"]),
	sprintf("allowPrivilegeEscalation: %v", [v]),
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	v := x.container.securityContext.allowPrivilegeEscalation
	v != false
}

deny contains k8s.result(
	sprintf("%s of %s does not set allowPrivilegeEscalation to false", [k8s.container_label(x), k8s.object_label]),
	x.path,
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	not has_field(x)
}

has_field(x) if _ = x.container.securityContext.allowPrivilegeEscalation
