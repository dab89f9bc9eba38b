# METADATA
# title: Helpers for the AWS logging, load balancing, serverless, container, API and CDN checks
# description: |
#   Secret-looking environment variables, public resource-policy statements
#   and the containers of ECS task definitions (a JSON string in Terraform, a
#   list in CloudFormation).
package ward.lib.awscompute

import rego.v1

# secret_name holds for variable names that usually carry a credential.
secret_name(n) if {
	is_string(n)
	u := upper(n)
	some w in ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"]
	contains(u, w)
}

# access_key_id holds for an AWS access key ID (long-term AKIA or temporary ASIA).
access_key_id(v) if {
	is_string(v)
	regex.match(`^(AKIA|ASIA)[A-Z2-7]{16}$`, v)
}

# secret_variable holds for an environment variable holding a literal
# credential: a secret-looking name with a literal non-empty value, or any
# name whose value is an access key ID.
secret_variable(name, value) if {
	secret_name(name)
	is_string(value)
	value != ""
	not reference_name(name)
	not reference_value(value)
}

# reference_name holds for names that say the value points at a secret
# kept elsewhere (DB_PASSWORD_PARAMETER, API_TOKEN_SECRET_ARN).
reference_name(n) if {
	u := upper(n)
	some s in ["_ARN", "_NAME", "_PARAMETER", "_PARAM", "_PATH", "_REF", "_FILE", "_URL", "_ENDPOINT"]
	endswith(u, s)
}

# reference_value holds for values that are references, not secrets: an
# ARN, an SSM parameter path, a CloudFormation dynamic reference.
reference_value(v) if startswith(v, "arn:")

reference_value(v) if regex.match(`^/[A-Za-z0-9_.\-/]+$`, v)

reference_value(v) if startswith(v, "{{resolve:")

secret_variable(_, value) if access_key_id(value)

# parsed_json is the value of a JSON string, undefined when the string is
# not valid JSON (or not a string: unknown).
parsed_json(s) := v if {
	is_string(s)
	s != ""
	json.is_valid(s)
	v := json.unmarshal(s)
}

# public_principal holds for a policy principal that is everyone: "*",
# {"AWS": "*"} or {"AWS": ["*", ...]}.
public_principal(p) if p == "*"

public_principal(p) if {
	is_object(p)
	p.AWS == "*"
}

public_principal(p) if {
	is_object(p)
	is_array(p.AWS)
	"*" in p.AWS
}

# public_json_statement holds for an Allow statement of a parsed JSON policy
# granting everyone access without a condition.
public_json_statement(st) if {
	object.get(st, "Effect", "Allow") == "Allow"
	public_principal(st.Principal)
	not st.Condition
}

# ecs_containers are the containers of a task definition document, each
# {"name", "privileged", "readonly_root_filesystem", "environment": [{"name",
# "value"}], "path"}: path is the model path to report (a CloudFormation
# container, or the Terraform JSON string as a whole).
ecs_containers contains c if {
	some i, x in input.containers
	c := {
		"name": x.container_name,
		"privileged": x.privileged,
		"readonly_root_filesystem": x.readonly_root_filesystem,
		"environment": [{"name": e.var_name, "value": e.value, "path": ["containers", i, "environment", j, "value"]} |
			some j, e in x.environment
		],
		"path": ["containers", i],
	}
}

ecs_containers contains c if {
	defs := parsed_json(input.container_definitions)
	is_array(defs)
	some x in defs
	is_object(x)
	c := {
		"name": object.get(x, "name", ""),
		"privileged": object.get(x, "privileged", false),
		"readonly_root_filesystem": object.get(x, "readonlyRootFilesystem", false),
		"environment": [{"name": object.get(e, "name", ""), "value": object.get(e, "value", ""), "path": ["container_definitions"]} |
			some e in object.get(x, "environment", [])
			is_object(e)
		],
		"path": ["container_definitions"],
	}
}
