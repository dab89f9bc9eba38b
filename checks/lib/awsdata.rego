# METADATA
# title: Helpers for AWS data-service checks
# description: Shared rules for the checks on databases, keys, secrets and messaging (parameter values, resource policies given as JSON strings).
package ward.lib.awsdata

import rego.v1

# truthy holds for a parameter value that turns a setting on ("1", "ON", "true").
truthy(v) if lower(trim_space(sprintf("%v", [v]))) in {"1", "on", "true"}

# param_set holds when a parameter list sets the parameter name.
param_set(params, name) if {
	some p in params
	lower(p.parameter) == name
}

# as_list makes a single value a list of one (policy Action, Principal.AWS).
as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# json_statements are the statements of a policy given as a JSON string;
# empty for "", null (unknown) or invalid JSON.
json_statements(s) := [st |
	is_string(s)
	json.is_valid(s)
	doc := json.unmarshal(s)
	is_object(doc)
	some st in as_list(object.get(doc, "Statement", []))
	is_object(st)
]

# allows holds for an Allow statement (Effect is required in JSON policies).
allows(st) if object.get(st, "Effect", "") == "Allow"

# json_public_principal holds for Principal "*" or {"AWS": "*"}.
json_public_principal("*")

json_public_principal(p) if {
	is_object(p)
	"*" in as_list(object.get(p, "AWS", []))
}
