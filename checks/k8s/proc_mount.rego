# METADATA
# title: Container uses an unmasked /proc mount
# description: |
#   securityContext.procMount other than Default (Unmasked) disables the
#   masking and read-only paths the runtime applies to /proc, exposing
#   kernel interfaces such as /proc/sys and /proc/sysrq-trigger.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0013
#   severity: MEDIUM
#   remediation: Remove securityContext.procMount or set it to Default.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
#     pss: ["baseline/proc-mount"]
package ward.k8s.proc_mount

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s sets procMount to %v", [k8s.container_label(x), k8s.object_label, pm]),
	array.concat(k8s.sc_path(x), ["procMount"]),
	sprintf("procMount: %v", [pm]),
) if {
	some x in k8s.containers
	pm := x.container.securityContext.procMount
	pm != null
	pm != "Default"
}
