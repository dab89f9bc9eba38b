# METADATA
# title: Pod shares the host network namespace
# description: |
#   With hostNetwork the pod uses the node's network stack: it can bind any
#   node port, sniff traffic with NET_RAW, reach services listening on the
#   node's loopback (such as the kubelet or etcd) and bypass NetworkPolicy.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0004
#   severity: HIGH
#   remediation: Remove spec.hostNetwork or set it to false; expose the pod through a Service instead.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.5"]
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/host-namespaces"]
package ward.k8s.host_network

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s shares the host network namespace", [k8s.object_label]),
	array.concat(k8s.pod_path, ["hostNetwork"]),
	"hostNetwork: true",
) if {
	k8s.pod_spec.hostNetwork == true
}
