# METADATA
# title: NetworkPolicy allows all egress
# description: |
#   An egress rule with no to and no ports ({}), or one with a peer that is
#   the ipBlock 0.0.0.0/0 or ::/0 without exceptions and without ports, lets
#   the selected pods connect anywhere: exfiltration, command-and-control
#   and lateral movement are unrestricted.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/network-policies/
# custom:
#   id: WARD-K8S-0084
#   severity: LOW
#   remediation: List the allowed destinations (podSelector, namespaceSelector, ipBlock) and ports in each egress rule (at least DNS and the services the pods call).
#   input:
#     type: kubernetes
#     kinds: [NetworkPolicy]
#   controls:
#     cis-kubernetes: ["5.3.2"]
#     nsa-cisa: ["network-separation/network-policies"]
package ward.k8s.networkpolicy_allow_all_egress

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("NetworkPolicy %q egress rule %d allows traffic to every destination on every port", [k8s.name, i]),
	["spec", "egress", i],
	r,
) if {
	some i, r in object.get(input, ["spec", "egress"], [])
	_all(r, "to")
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
