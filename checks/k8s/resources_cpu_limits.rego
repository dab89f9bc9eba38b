# METADATA
# title: Container without a CPU limit
# description: |
#   A container without a CPU limit can use every idle CPU of the node and
#   starve its neighbours, which eases denial-of-service by a compromised or
#   runaway workload.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: WARD-K8S-0052
#   severity: LOW
#   remediation: Set resources.limits.cpu on every container and init container.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/resource-limits"]
package ward.k8s.resources_cpu_limits

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q has no cpu limit", [k8s.container_label(x), input.kind, k8s.name]),
	k8s.resources_path(x, "limits"),
	"resources.limits.cpu not set",
) if {
	some x in k8s.containers
	x.type in {"containers", "initContainers"}
	not k8s.resource_set(x, "limits", "cpu")
}
