# METADATA
# title: Ingress with a wildcard or empty host
# description: |
#   A rule with no host, or a wildcard host, or a default backend, answers
#   for any Host header (or a whole subdomain): the backend is reachable
#   under names nobody reviewed, which helps host-header attacks and
#   exposes services meant for one name.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards
# custom:
#   id: WARD-K8S-0081
#   severity: LOW
#   remediation: Set an explicit, fully qualified host on every Ingress rule and drop the default backend.
#   input:
#     type: kubernetes
#     kinds: [Ingress]
#   controls:
#     nsa-cisa: ["network-separation"]
package ward.k8s.ingress_wildcard_host

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("Ingress %q rule %d has wildcard host %q", [k8s.name, i, r.host]),
	["spec", "rules", i, "host"],
	sprintf("host: %s", [r.host]),
) if {
	some i, r in object.get(input, ["spec", "rules"], [])
	is_string(r.host)
	contains(r.host, "*")
}

deny contains k8s.result(
	sprintf("Ingress %q rule %d has no host and matches every host name", [k8s.name, i]),
	["spec", "rules", i],
) if {
	some i, r in object.get(input, ["spec", "rules"], [])
	is_object(r)
	object.get(r, "host", "") in {"", null}
}

deny contains k8s.result(
	sprintf("Ingress %q has a default backend that answers for every host name", [k8s.name]),
	["spec", field],
) if {
	some field in ["defaultBackend", "backend"]
	is_object(input.spec[field])
}
