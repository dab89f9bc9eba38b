# METADATA
# title: Privileged container
# description: |
#   A privileged container has every capability and full access to the host's
#   devices; a compromise of it is a compromise of the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0001
#   severity: HIGH
#   remediation: Remove securityContext.privileged or set it to false.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.2"]
#     nsa-cisa: ["pod-security/non-privileged"]
#     pss: ["baseline/privileged"]
package ward.k8s.privileged

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q is privileged", [k8s.container_label(x), input.kind, k8s.name]),
	array.concat(k8s.sc_path(x), ["privileged"]),
	"privileged: true",
) if {
	some x in k8s.containers
	x.container.securityContext.privileged == true
}
