# METADATA
# title: Container without a memory request
# description: |
#   Without a memory request the scheduler can overcommit the node and the
#   container is among the first evicted under memory pressure. A container
#   with a memory limit but no request is not reported: Kubernetes uses the
#   limit as the request.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: WARD-K8S-0051
#   severity: LOW
#   remediation: Set resources.requests.memory on every container and init container.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/resource-limits"]
package ward.k8s.resources_memory_requests

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q has no memory request", [k8s.container_label(x), input.kind, k8s.name]),
	k8s.resources_path(x, "requests"),
	"resources.requests.memory not set",
) if {
	some x in k8s.containers
	x.type in {"containers", "initContainers"}
	not k8s.resource_set(x, "requests", "memory")
	not k8s.resource_set(x, "limits", "memory")
}
