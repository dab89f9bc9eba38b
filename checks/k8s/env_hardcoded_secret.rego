# METADATA
# title: Credential hard-coded in a container environment variable
# description: |
#   An environment variable whose name suggests a credential (password,
#   pwd, token, JWT, API key, secret, private key, storage/signing key...)
#   has a literal value in the manifest, or a literal value has the shape of
#   a credential whatever the variable is called (an AWS access key ID, a
#   PEM private key, a bearer token, a JWT, a GitHub token): the secret is
#   in version control, in every copy of the manifest and readable by
#   anyone who can get the workload object.
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
	k8s.credential_name(name)
	name != "PWD"
	v := e.value
	is_string(v)
	trim_space(v) != ""
	not _only_references(v)
}

deny contains k8s.result_evidence(
	sprintf("%s of %s %q sets %s to a literal value that looks like a credential (access key, private key, bearer token or JWT)", [k8s.container_label(x), input.kind, k8s.name, name]),
	array.concat(x.path, ["env", i, "value"]),
	sprintf("%s: <redacted>", [name]),
) if {
	some x in k8s.containers
	some i, e in object.get(x.container, "env", [])
	name := e.name
	is_string(name)
	not _named_credential(name)
	k8s.secret_like_value(e.value)
}

# PWD (upper case) is the POSIX working-directory variable, not a password;
# its value is still checked against the credential value patterns.

# $(OTHER_VAR) references are expanded by the kubelet; they are not secrets.
_only_references(v) if regex.match(`^(\$\([A-Za-z_][A-Za-z0-9_]*\))+$`, trim_space(v))

_named_credential(name) if {
	k8s.credential_name(name)
	name != "PWD"
}
