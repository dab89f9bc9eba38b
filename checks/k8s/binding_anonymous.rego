# METADATA
# title: Binding grants permissions to anonymous or all authenticated users
# description: |
#   Binding a role to the user system:anonymous or the groups
#   system:unauthenticated or system:authenticated gives it to anyone who can
#   reach the API server (or to any identity at all, including every service
#   account of every namespace). The Kubernetes default discovery bindings
#   (system:discovery, system:basic-user, system:public-info-viewer) are not
#   reported.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/
# custom:
#   id: WARD-K8S-0075
#   severity: CRITICAL
#   remediation: Remove system:anonymous, system:unauthenticated and system:authenticated from the subjects; bind the role to the specific users, groups or service accounts that need it.
#   input:
#     type: kubernetes
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.binding_anonymous

import data.ward.lib.rbac
import rego.v1

deny contains {
	"msg": sprintf("%s %q binds %s %q to %s %q", [input.kind, object.get(input, ["metadata", "name"], ""), object.get(input, ["roleRef", "kind"], ""), rbac.role_ref_name, x.subject.kind, x.subject.name]),
	"path": array.concat(x.path, ["name"]),
	"evidence": sprintf("%s: %s", [x.subject.kind, x.subject.name]),
} if {
	not rbac.role_ref_name in _default_roles
	some x in rbac.subjects
	_public(x.subject)
}

_public(s) if {
	s.kind == "User"
	s.name == "system:anonymous"
}

_public(s) if {
	s.kind == "Group"
	s.name in {"system:unauthenticated", "system:authenticated"}
}

_default_roles := {"system:discovery", "system:basic-user", "system:public-info-viewer"}
