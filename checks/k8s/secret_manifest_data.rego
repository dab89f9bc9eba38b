# METADATA
# title: Secret manifest with data committed
# description: |
#   A Secret manifest that carries data or stringData puts the credential in
#   the repository: base64 is an encoding, not encryption, so anyone with
#   read access to the source (or its history) has the secret.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
# custom:
#   id: WARD-K8S-0062
#   severity: MEDIUM
#   remediation: Keep secret values out of manifests - use Sealed Secrets, SOPS, the External Secrets Operator or the Secrets Store CSI driver - and rotate the committed values.
#   input:
#     type: kubernetes
#     kinds: [Secret]
#   controls:
#     cis-kubernetes: ["5.4.2"]
#     nsa-cisa: ["network-separation/secrets"]
package ward.k8s.secret_manifest_data

import data.ward.lib.k8s
import rego.v1

# Only key names are reported, never values.
deny contains k8s.result_evidence(
	sprintf("Secret %q has %d %s key(s) committed: %s", [k8s.name, count(keys), field, concat(", ", keys)]),
	[field],
	{"keys": keys},
) if {
	some field in ["data", "stringData"]
	d := input[field]
	is_object(d)
	keys := sort([k | some k, v in d; _non_empty(v)])
	count(keys) > 0
}

_non_empty(v) if {
	is_string(v)
	trim_space(v) != ""
}

_non_empty(v) if {
	v != null
	not is_string(v)
}
