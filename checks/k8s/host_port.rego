# METADATA
# title: Container binds a host port
# description: |
#   A hostPort binds the container's port on the node's network interfaces,
#   exposing it outside the cluster network, bypassing NetworkPolicy and
#   tying the pod to nodes where the port is free.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0007
#   severity: MEDIUM
#   remediation: Remove ports[].hostPort (or set it to 0) and expose the container through a Service.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.13"]
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/host-ports"]
package ward.k8s.host_port

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s binds host port %v", [k8s.container_label(x), k8s.object_label, p.hostPort]),
	array.concat(x.path, ["ports", i, "hostPort"]),
	sprintf("hostPort: %v", [p.hostPort]),
) if {
	some x in k8s.containers
	some i, p in object.get(x.container, "ports", [])
	is_number(p.hostPort)
	p.hostPort != 0
}
