# METADATA
# title: Service of type LoadBalancer open to all sources
# description: |
#   A LoadBalancer Service provisions a cloud load balancer that, unless
#   made internal or restricted with loadBalancerSourceRanges, is reachable
#   from the internet. LoadBalancers with a cloud "internal" annotation or
#   source ranges that exclude 0.0.0.0/0 and ::/0 are not reported.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
#   - https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#restricting-access
# custom:
#   id: WARD-K8S-0078
#   severity: LOW
#   remediation: Set spec.loadBalancerSourceRanges to the client networks, or make the load balancer internal with your cloud's annotation, or expose it through an Ingress.
#   input:
#     type: kubernetes
#     kinds: [Service]
#   controls:
#     nsa-cisa: ["network-separation"]
package ward.k8s.service_loadbalancer

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("Service %q is a LoadBalancer reachable from any address", [k8s.name]),
	_path,
	"type: LoadBalancer",
) if {
	input.spec.type == "LoadBalancer"
	not _internal
	not _restricted
}

_path := ["spec", "loadBalancerSourceRanges"] if _open_ranges
else := ["spec", "type"]

_ranges := r if {
	r := input.spec.loadBalancerSourceRanges
	is_array(r)
	count(r) > 0
} else := r if {
	s := input.metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]
	is_string(s)
	r := [trim_space(x) | some x in split(s, ","); trim_space(x) != ""]
	count(r) > 0
}

_open_ranges if {
	some r in _ranges
	r in {"0.0.0.0/0", "::/0"}
}

_restricted if {
	count(_ranges) > 0
	not _open_ranges
}

_internal_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"networking.gke.io/load-balancer-type": {"internal"},
	"cloud.google.com/load-balancer-type": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	"service.kubernetes.io/oci-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/openstack-internal-load-balancer": {"true"},
	"service.beta.kubernetes.io/do-loadbalancer-internal": {"true"},
}

_internal if {
	some k, v in object.get(input, ["metadata", "annotations"], {})
	is_string(v)
	lower(v) in _internal_annotations[k]
}
