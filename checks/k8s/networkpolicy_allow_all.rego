# METADATA
# title: NetworkPolicy allows all ingress
# description: |
#   An ingress rule with no from and no ports ({}), or one with a peer that is
#   the ipBlock 0.0.0.0/0 or ::/0 without exceptions and without ports,
#   admits traffic from every pod, namespace and external address to the
#   selected pods, undoing the isolation the policy creates.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/network-policies/
# custom:
#   id: WARD-K8S-0083
#   severity: MEDIUM
#   remediation: List the allowed sources (podSelector, namespaceSelector, ipBlock) and ports in each ingress rule.
#   input:
#     type: kubernetes
#     kinds: [NetworkPolicy]
#   controls:
#     cis-kubernetes: ["5.3.2"]
#     nsa-cisa: ["network-separation/network-policies"]
package ward.k8s.networkpolicy_allow_all

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("NetworkPolicy %q ingress rule %d allows traffic from every source on every port", [k8s.name, i]),
	["spec", "ingress", i],
	r,
) if {
	some i, r in object.get(input, ["spec", "ingress"], [])
	_all(r, "from")
}

_empty(r, f) if object.get(r, f, []) in {null, []}

_all(r, peers) if {
	r == null
}

_all(r, peers) if {
	is_object(r)
	_empty(r, "ports")
	_empty(r, peers)
}

_all(r, peers) if {
	is_object(r)
	_empty(r, "ports")
	some p in r[peers]
	p.ipBlock.cidr in {"0.0.0.0/0", "::/0"}
	object.get(p.ipBlock, "except", []) in {null, []}
}
