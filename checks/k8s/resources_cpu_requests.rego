# METADATA
# title: Container without a CPU request
# description: |
#   Without a CPU request the scheduler cannot place the pod by its real
#   needs and the container gets the lowest CPU share under contention. A
#   container with a CPU limit but no request is not reported: Kubernetes
#   uses the limit as the request.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: WARD-K8S-0050
#   severity: LOW
#   remediation: Set resources.requests.cpu on every container and init container.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/resource-limits"]
package ward.k8s.resources_cpu_requests

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q has no cpu request", [k8s.container_label(x), input.kind, k8s.name]),
	k8s.resources_path(x, "requests"),
	"resources.requests.cpu not set",
) if {
	some x in k8s.containers
	x.type in {"containers", "initContainers"}
	not k8s.resource_set(x, "requests", "cpu")
	not k8s.resource_set(x, "limits", "cpu")
}
