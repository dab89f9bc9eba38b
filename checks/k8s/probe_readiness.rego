# METADATA
# title: Container without a readiness probe
# description: |
#   Without a readiness probe a container receives Service traffic as soon as
#   it starts and while it is overloaded or failing, instead of being taken
#   out of the endpoints.
#   Only regular containers of long-running workloads are checked (not Jobs,
#   CronJobs, init or ephemeral containers).
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: WARD-K8S-0058
#   severity: LOW
#   remediation: Add a readinessProbe (httpGet, tcpSocket, grpc or exec) to the container.
#   input:
#     type: kubernetes
#     kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, PodTemplate]
package ward.k8s.probe_readiness

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result(
	sprintf("%s of %s %q has no readiness probe", [k8s.container_label(x), input.kind, k8s.name]),
	x.path,
) if {
	not input.kind in {"Job", "CronJob"}
	some x in k8s.regular_containers
	not _has_probe(x.container)
}

_has_probe(c) if is_object(c.readinessProbe)
