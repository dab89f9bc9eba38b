# METADATA
# title: Pod shares the host IPC namespace
# description: |
#   With hostIPC the pod's containers share System V IPC objects and POSIX
#   message queues with every process on the node, so they can read or
#   tamper with the shared memory of host processes.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0003
#   severity: HIGH
#   remediation: Remove spec.hostIPC or set it to false.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.4"]
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/host-namespaces"]
package ward.k8s.host_ipc

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s shares the host IPC namespace", [k8s.object_label]),
	array.concat(k8s.pod_path, ["hostIPC"]),
	"hostIPC: true",
) if {
	k8s.pod_spec.hostIPC == true
}
