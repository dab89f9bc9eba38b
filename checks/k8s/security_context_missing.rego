# METADATA
# title: Container has no securityContext
# description: |
#   The container sets no securityContext (or an empty one), so the
#   container-only protections (allowPrivilegeEscalation,
#   capabilities.drop, readOnlyRootFilesystem) are all left at their
#   permissive defaults. Pod-level settings cannot replace them.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: WARD-K8S-0030
#   severity: LOW
#   remediation: "Give every container a securityContext, at least: allowPrivilegeEscalation: false, capabilities.drop: [\"ALL\"], readOnlyRootFilesystem: true, runAsNonRoot: true."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.7.3"]
#     nsa-cisa: ["pod-security/hardening"]
package ward.k8s.security_context_missing

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result(
	sprintf("%s of %s has no securityContext", [k8s.container_label(x), k8s.object_label]),
	x.path,
) if {
	some x in k8s.containers
	count(k8s.container_sc(x)) == 0
}
