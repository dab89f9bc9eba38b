# METADATA
# title: Ingress uses ingress-nginx snippet annotations
# description: |
#   The ingress-nginx *-snippet annotations inject raw NGINX configuration.
#   Whoever can create or edit an Ingress can use them to read the
#   controller's service account token and every Secret it can access
#   (CVE-2021-25742) or to run code in the controller. Recent releases
#   disable them by default.
# related_resources:
#   - https://github.com/kubernetes/ingress-nginx/issues/7837
# custom:
#   id: WARD-K8S-0093
#   severity: MEDIUM
#   remediation: Replace the snippet with the dedicated annotations or a ConfigMap setting, and keep allow-snippet-annotations false on the controller.
#   input:
#     type: kubernetes
#     kinds: [Ingress]
#   controls:
#     nsa-cisa: ["network-separation"]
package ward.k8s.ingress_nginx_snippets

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("Ingress %q sets snippet annotation %s", [k8s.name, key]),
	["metadata", "annotations", key],
	key,
) if {
	some key, _ in object.get(input, ["metadata", "annotations"], {})
	regex.match(`^nginx\.ingress\.kubernetes\.io/[a-z-]*snippet$`, key)
}
