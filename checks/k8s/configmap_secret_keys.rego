# METADATA
# title: ConfigMap holds secret-looking keys or values
# description: |
#   A ConfigMap key named like a credential (password, pwd, token, JWT, API
#   key, secret, private key, storage/signing key...) with a value, or a
#   value that has the shape of a credential whatever the key is called (an
#   AWS access key ID, a PEM private key, a bearer token, a JWT, a GitHub
#   token), also inside a larger configuration file. ConfigMaps are not meant for
#   secrets: they are readable by far more principals than Secrets, are not
#   encrypted at rest, and end up in logs and dumps.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/configmap/
# custom:
#   id: WARD-K8S-0063
#   severity: MEDIUM
#   remediation: Move credentials to a Secret (managed outside the repository) and reference it from the workload; rotate the exposed values.
#   input:
#     type: kubernetes
#     kinds: [ConfigMap]
#   controls:
#     cis-kubernetes: ["5.4.2"]
#     nsa-cisa: ["network-separation/secrets"]
package ward.k8s.configmap_secret_keys

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("ConfigMap %q key %q looks like a credential", [k8s.name, key]),
	[field, key],
	sprintf("%s: <redacted>", [key]),
) if {
	some field in ["data", "binaryData"]
	d := input[field]
	is_object(d)
	some key, v in d
	k8s.credential_name(key)
	is_string(v)
	trim_space(v) != ""
}

deny contains k8s.result_evidence(
	sprintf("ConfigMap %q key %q holds a value that looks like a credential (access key, private key, bearer token or JWT)", [k8s.name, key]),
	["data", key],
	sprintf("%s: <redacted>", [key]),
) if {
	d := input.data
	is_object(d)
	some key, v in d
	not k8s.credential_name(key)
	k8s.secret_like_value(v)
}
