# METADATA
# title: Probe or lifecycle hook targets another host
# description: |
#   A liveness, readiness or startup probe, or a postStart/preStop lifecycle
#   hook, sets httpGet.host or tcpSocket.host. These requests are made by the
#   kubelet from the node's network namespace, so a host field lets whoever
#   writes the pod spec make the node connect to arbitrary addresses (node
#   loopback services, the cloud metadata endpoint, other internal hosts): a
#   server-side request forgery primitive. The Pod Security Standards
#   (Baseline, Kubernetes 1.34+) allow the field only unset or empty; probes
#   should target the pod's own IP, which is the default.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#http-probes
# custom:
#   id: WARD-K8S-0033
#   severity: MEDIUM
#   remediation: Remove the host field from httpGet/tcpSocket probe and lifecycle handlers so the kubelet targets the pod IP; if a virtual host is needed, set an httpHeaders Host header instead.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/host-probes"]
package ward.k8s.host_probes_lifecycle

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q: %s %s.host is %q, so the kubelet connects to that host from the node", [k8s.container_label(x), input.kind, k8s.name, concat(".", h.where), h.handler, h.host]),
	array.concat(x.path, array.concat(h.where, [h.handler, "host"])),
	sprintf("host: %s", [h.host]),
) if {
	some x in k8s.containers
	some h in _handlers(x.container)
}

_handlers(c) := {{"where": w, "handler": t, "host": host} |
	some w in _places
	hd := object.get(c, w, null)
	is_object(hd)
	some t in ["httpGet", "tcpSocket"]
	host := hd[t].host
	is_string(host)
	trim_space(host) != ""
}

_places := [
	["livenessProbe"],
	["readinessProbe"],
	["startupProbe"],
	["lifecycle", "postStart"],
	["lifecycle", "preStop"],
]
