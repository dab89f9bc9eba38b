# METADATA
# title: Container without a memory limit
# description: |
#   A container without a memory limit can exhaust the node's memory, get
#   other pods evicted or the kubelet OOM-killed: a denial of service by a
#   compromised or leaking workload.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: WARD-K8S-0053
#   severity: MEDIUM
#   remediation: Set resources.limits.memory on every container and init container.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/resource-limits"]
package ward.k8s.resources_memory_limits

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q has no memory limit", [k8s.container_label(x), input.kind, k8s.name]),
	k8s.resources_path(x, "limits"),
	"resources.limits.memory not set",
) if {
	some x in k8s.containers
	x.type in {"containers", "initContainers"}
	not k8s.resource_set(x, "limits", "memory")
}
