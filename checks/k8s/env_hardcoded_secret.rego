# METADATA
# title: Credential hard-coded in a container environment variable
# description: |
#   An environment variable whose name suggests a credential (password,
#   token, API key, secret, private key...) has a literal value in the
#   manifest: the secret is in version control, in every copy of the
#   manifest and readable by anyone who can get the workload object.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
# custom:
#   id: WARD-K8S-0061
#   severity: HIGH
#   remediation: Move the value to a Secret (ideally from an external secret store) and reference it with valueFrom.secretKeyRef or a mounted file; rotate the exposed credential.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.4.1"]
#     nsa-cisa: ["network-separation/secrets"]
package ward.k8s.env_hardcoded_secret

import data.ward.lib.k8s
import rego.v1

# The evidence names the variable but never repeats the value.
deny contains k8s.result_evidence(
	sprintf("%s of %s %q sets %s to a literal value", [k8s.container_label(x), input.kind, k8s.name, name]),
	array.concat(x.path, ["env", i, "value"]),
	sprintf("%s: <redacted>", [name]),
) if {
	some x in k8s.containers
	some i, e in object.get(x.container, "env", [])
	name := e.name
	is_string(name)
	k8s.secret_like_name(name)
	v := e.value
	is_string(v)
	trim_space(v) != ""
	not _only_references(v)
}

# $(OTHER_VAR) references are expanded by the kubelet; they are not secrets.
_only_references(v) if regex.match(`^(\$\([A-Za-z_][A-Za-z0-9_]*\))+$`, trim_space(v))
