# METADATA
# title: Pod overrides name resolution with hostAliases
# description: |
#   spec.hostAliases writes entries into the pods' /etc/hosts, overriding DNS
#   for those names. It can silently redirect traffic for a domain (for
#   example an internal API or a package mirror) and hides the mapping from
#   DNS-based monitoring.
# related_resources:
#   - https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
# custom:
#   id: WARD-K8S-0027
#   severity: LOW
#   remediation: Remove spec.hostAliases and publish the names in cluster DNS (a Service, ExternalName Service or CoreDNS configuration) instead.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
package ward.k8s.host_aliases

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s maps %v to %s with hostAliases", [k8s.object_label, object.get(a, "hostnames", []), object.get(a, "ip", "")]),
	array.concat(k8s.pod_path, ["hostAliases", i]),
	sprintf("hostAliases[].ip: %s", [object.get(a, "ip", "")]),
) if {
	some i, a in object.get(k8s.pod_spec, "hostAliases", [])
}
