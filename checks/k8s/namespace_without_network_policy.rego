# METADATA
# title: Workloads not isolated by any NetworkPolicy
# description: |
#   Pods that no ingress NetworkPolicy selects accept traffic from every pod
#   in the cluster: one compromised workload can reach all of them. For each
#   namespace that has workloads not selected by an ingress NetworkPolicy
#   of that namespace (policyTypes unset or including Ingress, podSelector
#   matching the pod labels), the first such workload is reported once.
#   Only the manifests scanned together are considered.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic
# custom:
#   id: WARD-K8S-0082
#   severity: MEDIUM
#   remediation: Add a default-deny NetworkPolicy (podSelector {} with policyTypes [Ingress, Egress]) to each namespace and policies that allow the traffic each workload needs.
#   input:
#     type: kubernetes-set
#   controls:
#     cis-kubernetes: ["5.3.2"]
#     nsa-cisa: ["network-separation/network-policies"]
package ward.k8s.namespace_without_network_policy

import data.ward.lib.k8s
import rego.v1

_resources := r if {
	r := input.resources
	is_array(r)
} else := []

# _policies is every ingress NetworkPolicy as {"ns": ..., "selector": ...}.
_policies contains {"ns": k8s.namespace_of(np), "selector": _selector(np)} if {
	some np in _resources
	np.kind == "NetworkPolicy"
	_ingress(np)
}

_selector(np) := s if {
	s := np.spec.podSelector
	is_object(s)
} else := {}

# policyTypes defaults to [Ingress] (plus Egress when egress rules exist).
_policy_types(np) := t if {
	t := np.spec.policyTypes
	is_array(t)
	count(t) > 0
} else := ["Ingress"]

_ingress(np) if "Ingress" in _policy_types(np)

# _isolated: a policy of the object's namespace selects its pods.
_isolated(obj) if {
	some p in _policies
	p.ns == k8s.namespace_of(obj)
	k8s.selector_matches(p.selector, k8s.pod_labels_of(obj))
}

_exposed contains i if {
	some i, obj in _resources
	obj.kind in k8s.running_workload_kinds
	not _isolated(obj)
}

deny contains {
	"msg": sprintf("namespace %q: %s %q%s is not selected by any ingress NetworkPolicy", [ns, obj.kind, object.get(obj, ["metadata", "name"], ""), _others(count(idx) - 1)]),
	"path": ["resources", first, "metadata"],
	"evidence": {"namespace": ns, "workloads": count(idx)},
} if {
	some ns in {k8s.namespace_of(_resources[i]) | some i in _exposed}
	idx := [i | some i in _exposed; k8s.namespace_of(_resources[i]) == ns]
	first := min(idx)
	obj := _resources[first]
}

_others(0) := ""

_others(n) := sprintf(" (and %d other workload(s))", [n]) if n > 0
