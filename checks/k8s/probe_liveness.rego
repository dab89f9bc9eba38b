# METADATA
# title: Container without a liveness probe
# description: |
#   Without a liveness probe a container that hangs (deadlock, exhausted
#   pool) keeps running and serving errors; the kubelet only restarts it
#   when the process exits.
#   Only regular containers of long-running workloads are checked (not Jobs,
#   CronJobs, init or ephemeral containers).
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: WARD-K8S-0057
#   severity: LOW
#   remediation: Add a livenessProbe (httpGet, tcpSocket, grpc or exec) to the container.
#   input:
#     type: kubernetes
#     kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, PodTemplate]
package ward.k8s.probe_liveness

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result(
	sprintf("%s of %s %q has no liveness probe", [k8s.container_label(x), input.kind, k8s.name]),
	x.path,
) if {
	not input.kind in {"Job", "CronJob"}
	some x in k8s.regular_containers
	not _has_probe(x.container)
}

_has_probe(c) if is_object(c.livenessProbe)
