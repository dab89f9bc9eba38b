# METADATA
# title: Kubernetes RBAC helpers for Ward checks
# description: |
#   Iterates the rules of Roles and ClusterRoles and the subjects of
#   RoleBindings and ClusterRoleBindings with their paths, and answers
#   "does this rule grant verb V on resource R in API group G" the way the
#   RBAC authorizer does ("*" matches everything, "pods/*" every
#   subresource of pods, "*/scale" the scale subresource of everything).
package ward.lib.rbac

import rego.v1

role_kinds := {"Role", "ClusterRole"}

binding_kinds := {"RoleBinding", "ClusterRoleBinding"}

# rules is every rule of a Role/ClusterRole as
# {"rule": r, "index": i, "path": ["rules", i]}.
rules contains {"rule": r, "index": i, "path": ["rules", i]} if {
	input.kind in role_kinds
	rs := object.get(input, "rules", [])
	is_array(rs)
	some i, r in rs
	is_object(r)
}

# subjects is every subject of a binding as
# {"subject": s, "index": i, "path": ["subjects", i]}.
subjects contains {"subject": s, "index": i, "path": ["subjects", i]} if {
	input.kind in binding_kinds
	ss := object.get(input, "subjects", [])
	is_array(ss)
	some i, s in ss
	is_object(s)
}

role_ref_name := object.get(input, ["roleRef", "name"], "")

_list(rule, field) := l if {
	l := rule[field]
	is_array(l)
} else := []

# verbs, resources and groups of a rule (empty when absent).
verbs(rule) := _list(rule, "verbs")

resources(rule) := _list(rule, "resources")

api_groups(rule) := _list(rule, "apiGroups")

# grants_verb: the rule allows verb v (explicitly or through "*").
grants_verb(rule, v) if {
	some x in verbs(rule)
	x in {v, "*"}
}

# grants_group: the rule covers API group g ("" is the core group).
grants_group(rule, g) if {
	some x in api_groups(rule)
	x in {g, "*"}
}

# grants_resource: the rule covers resource res ("pods" or "pods/exec").
grants_resource(rule, res) if {
	some x in resources(rule)
	resource_matches(x, res)
}

resource_matches(x, res) if x == res

resource_matches("*", _)

resource_matches(x, res) if {
	parts := split(res, "/")
	count(parts) == 2
	x == concat("/", [parts[0], "*"])
}

resource_matches(x, res) if {
	parts := split(res, "/")
	count(parts) == 2
	x == concat("/", ["*", parts[1]])
}

# restricted_by_name: the rule only applies to named objects.
restricted_by_name(rule) if count(_list(rule, "resourceNames")) > 0

# granted_verbs is the subset of vs the rule allows.
granted_verbs(rule, vs) := {v | some v in vs; grants_verb(rule, v)}

# granted_resources is the subset of {group: [resources]} the rule covers,
# as resource names.
granted_resources(rule, by_group) := {r |
	some g, rs in by_group
	grants_group(rule, g)
	some r in rs
	grants_resource(rule, r)
}

# grants: the rule allows one of verbs vs on one of the resources of
# by_group ({"": ["pods"], "apps": ["deployments"]}).
grants(rule, by_group, vs) if {
	count(granted_resources(rule, by_group)) > 0
	count(granted_verbs(rule, vs)) > 0
}

# describe renders a set of strings for messages.
describe(s) := concat(", ", sort([x | some x in s]))

# role_label names the role in messages: ClusterRole "name".
role_label := sprintf("%s %q", [input.kind, object.get(input, ["metadata", "name"], "")])

# rule_finding is the common result of a capability check on rule x.
rule_finding(x, what) := {
	"msg": sprintf("%s rule %d grants %s", [role_label, x.index, what]),
	"path": x.path,
	"evidence": {
		"apiGroups": api_groups(x.rule),
		"resources": resources(x.rule),
		"verbs": verbs(x.rule),
	},
}
