# METADATA
# title: Container adds a capability outside the baseline set
# description: |
#   The Pod Security Standards baseline profile only allows adding the
#   capabilities a container runtime grants by default (AUDIT_WRITE, CHOWN,
#   DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP,
#   SETGID, SETPCAP, SETUID, SYS_CHROOT). Any other added capability widens
#   the kernel attack surface. Names are compared case-insensitively and
#   without a CAP_ prefix. Especially dangerous capabilities are also
#   reported, at HIGH, by WARD-K8S-0009.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0008
#   severity: MEDIUM
#   remediation: Remove the capability from securityContext.capabilities.add; grant only what the process needs from the baseline set.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.9"]
#     nsa-cisa: ["pod-security/non-privileged"]
#     pss: ["baseline/capabilities"]
package ward.k8s.capabilities_baseline

import data.ward.lib.k8s
import rego.v1

baseline_allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

deny contains k8s.result_evidence(
	sprintf("%s of %s adds capability %s, which the baseline profile does not allow", [k8s.container_label(x), k8s.object_label, cap.raw]),
	cap.path,
	sprintf("capabilities.add: %s", [cap.raw]),
) if {
	some x in k8s.containers
	some cap in k8s.added_capabilities(x)
	not cap.name in baseline_allowed
}
