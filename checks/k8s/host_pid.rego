# METADATA
# title: Pod shares the host PID namespace
# description: |
#   With hostPID the pod's containers see every process on the node, can
#   signal them and, with ptrace or a matching UID, read their memory,
#   environment and /proc/<pid>/root file systems.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0002
#   severity: HIGH
#   remediation: Remove spec.hostPID or set it to false.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.3"]
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/host-namespaces"]
package ward.k8s.host_pid

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s shares the host PID namespace", [k8s.object_label]),
	array.concat(k8s.pod_path, ["hostPID"]),
	"hostPID: true",
) if {
	k8s.pod_spec.hostPID == true
}
