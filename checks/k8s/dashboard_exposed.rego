# METADATA
# title: Kubernetes Dashboard exposed outside the cluster
# description: |
#   The Kubernetes Dashboard is a full cluster UI; exposed through a
#   NodePort, a LoadBalancer, externalIPs or an Ingress it becomes an
#   internet-facing entry point (historically with skip-login or an
#   over-privileged service account) and a favourite target of
#   cryptomining campaigns.
# related_resources:
#   - https://github.com/kubernetes/dashboard/blob/master/docs/user/accessing-dashboard/README.md
# custom:
#   id: WARD-K8S-0087
#   severity: HIGH
#   remediation: Keep the dashboard Service ClusterIP and reach it with kubectl port-forward or through an authenticating proxy; remove Ingresses routing to it.
#   input:
#     type: kubernetes
#     kinds: [Service, Ingress]
#   controls:
#     nsa-cisa: ["network-separation/control-plane"]
package ward.k8s.dashboard_exposed

import data.ward.lib.k8s
import rego.v1

_dashboard_name(n) if {
	is_string(n)
	contains(lower(n), "kubernetes-dashboard")
}

_dashboard_service if _dashboard_name(k8s.name)

_dashboard_service if {
	some k in ["k8s-app", "app.kubernetes.io/name", "app"]
	some labels in [object.get(input, ["metadata", "labels"], {}), object.get(input, ["spec", "selector"], {})]
	_dashboard_name(labels[k])
}

deny contains k8s.result_evidence(
	sprintf("Service %q exposes the Kubernetes Dashboard as type %s", [k8s.name, input.spec.type]),
	["spec", "type"],
	sprintf("type: %s", [input.spec.type]),
) if {
	input.kind == "Service"
	_dashboard_service
	input.spec.type in {"NodePort", "LoadBalancer"}
}

deny contains k8s.result(
	sprintf("Service %q exposes the Kubernetes Dashboard on externalIPs", [k8s.name]),
	["spec", "externalIPs"],
) if {
	input.kind == "Service"
	_dashboard_service
	count(object.get(input, ["spec", "externalIPs"], [])) > 0
}

# Ingress backends: service.name (networking.k8s.io/v1) or serviceName
# (v1beta1), anywhere under spec.
deny contains k8s.result_evidence(
	sprintf("Ingress %q routes to the Kubernetes Dashboard service %q", [k8s.name, svc]),
	array.concat(["spec"], p),
	sprintf("service: %s", [svc]),
) if {
	input.kind == "Ingress"
	walk(object.get(input, "spec", {}), [p, svc])
	count(p) > 0
	_backend_key(p)
	_dashboard_name(svc)
}

_backend_key(p) if p[count(p) - 1] == "serviceName"

_backend_key(p) if {
	count(p) > 1
	p[count(p) - 1] == "name"
	p[count(p) - 2] == "service"
}
