# METADATA
# title: Container image helpers for Ward checks
# description: |
#   Shared rules for the image input (internal/source/image Document):
#   which names and values look like secrets, with bounded evidence.
package ward.lib.image

import rego.v1

# sensitive_name(name) holds when a variable or label name says it holds a
# credential, and does not end in a suffix that names a reference to one.
sensitive_name(name) if {
	regex.match(`(?i)(passw(or)?d|passwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|auth[_.-]?key|credentials?)`, name)
	not reference_name(name)
}

reference_name(name) if regex.match(`(?i)[_.-](file|path|url|uri|arn|name|dir|host|port|id|type|length|len|ttl|expiry|header|enabled|required)$`, name)

placeholder(v) if lower(v) in {"true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "nil", "changeme_in_runtime"}

# literal(v) holds for a non-empty value that is not a reference to a
# secret held elsewhere (a variable, a mounted secret file).
literal(v) if {
	v != ""
	not startswith(v, "$")
	not startswith(v, "/run/secrets")
	not startswith(v, "/var/run/secrets")
	not placeholder(v)
}

# aws_key_id(v) holds when v contains an AWS access key ID.
aws_key_id(v) if regex.match(`(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)`, v)

# secret_pair(name, value) is the one rule every secret check applies.
secret_pair(name, value) if {
	sensitive_name(name)
	literal(value)
}

secret_pair(_, value) if aws_key_id(value)

# short(s) bounds a string quoted in a message.
short(s) := s if count(s) <= 120

short(s) := concat("", [substring(s, 0, 117), "..."]) if count(s) > 120
