# METADATA
# title: Ingress without TLS
# description: |
#   An Ingress with no spec.tls, or whose tls entries do not cover one of
#   its rule hosts, serves that host over plain HTTP: credentials and
#   session cookies travel in clear text and can be altered in transit.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
# custom:
#   id: WARD-K8S-0080
#   severity: MEDIUM
#   remediation: Add a spec.tls entry whose hosts cover every rule host, with a certificate Secret (for example from cert-manager).
#   input:
#     type: kubernetes
#     kinds: [Ingress]
#   controls:
#     nsa-cisa: ["network-separation/encryption"]
package ward.k8s.ingress_tls

import data.ward.lib.k8s
import rego.v1

_tls := t if {
	t := input.spec.tls
	is_array(t)
	count(t) > 0
} else := []

_tls_hosts := {h | some t in _tls; some h in object.get(t, "hosts", []); is_string(h)}

_rules := r if {
	r := input.spec.rules
	is_array(r)
} else := []

_hosts := {h | some r in _rules; h := r.host; is_string(h); h != ""}

deny contains k8s.result(
	sprintf("Ingress %q has no tls section; %s served over plain HTTP", [k8s.name, _what]),
	_missing_path,
) if {
	count(_tls) == 0
}

_what := sprintf("hosts %s are", [concat(", ", sort([h | some h in _hosts]))]) if count(_hosts) > 0
else := "it is"

_missing_path := ["spec", "rules"] if count(_rules) > 0
else := ["spec"]

deny contains k8s.result(
	sprintf("Ingress %q rule %d host %q is not covered by any tls entry", [k8s.name, i, h]),
	["spec", "rules", i, "host"],
) if {
	count(_tls) > 0
	some i, r in _rules
	h := r.host
	is_string(h)
	h != ""
	not _covered(h)
}

_covered(h) if h in _tls_hosts

# A tls entry without hosts serves every host with the controller's default
# certificate: the traffic is still encrypted.
_covered(_) if {
	some t in _tls
	count(object.get(t, "hosts", [])) == 0
}

# *.example.com covers a.example.com (one label), as TLS wildcards do.
_covered(h) if {
	some t in _tls_hosts
	startswith(t, "*.")
	labels := split(h, ".")
	count(labels) > 2
	concat(".", array.slice(labels, 1, count(labels))) == substring(t, 2, -1)
}
