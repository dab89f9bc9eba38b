# METADATA
# title: Service with externalIPs
# description: |
#   spec.externalIPs makes every node accept traffic for those addresses and
#   forward it to the Service. Whoever can set it can intercept traffic
#   meant for any IP (CVE-2020-8554), and the addresses bypass ingress
#   controls.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
#   - https://github.com/kubernetes/kubernetes/issues/97076
# custom:
#   id: WARD-K8S-0079
#   severity: MEDIUM
#   remediation: Remove spec.externalIPs and expose the Service through a LoadBalancer or Ingress; block the field cluster-wide with the DenyServiceExternalIPs admission plugin or a policy.
#   input:
#     type: kubernetes
#     kinds: [Service]
#   controls:
#     nsa-cisa: ["network-separation"]
package ward.k8s.service_external_ips

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("Service %q sets externalIPs %s", [k8s.name, concat(", ", [sprintf("%v", [ip]) | some ip in ips])]),
	["spec", "externalIPs"],
	{"externalIPs": ips},
) if {
	ips := input.spec.externalIPs
	is_array(ips)
	count(ips) > 0
}
