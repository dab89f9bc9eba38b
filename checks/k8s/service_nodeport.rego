# METADATA
# title: Service of type NodePort
# description: |
#   A NodePort Service opens its port on every node of the cluster, on every
#   node address, bypassing the ingress layer and any load balancer
#   filtering; nodes are often reachable from far wider networks than
#   intended.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
# custom:
#   id: WARD-K8S-0077
#   severity: MEDIUM
#   remediation: Use a ClusterIP Service behind an Ingress or Gateway, or an internal LoadBalancer restricted with loadBalancerSourceRanges.
#   input:
#     type: kubernetes
#     kinds: [Service]
#   controls:
#     nsa-cisa: ["network-separation"]
package ward.k8s.service_nodeport

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("Service %q is of type NodePort and is exposed on every node", [k8s.name]),
	["spec", "type"],
	"type: NodePort",
) if {
	input.spec.type == "NodePort"
}
