# METADATA
# title: Binding grants permissions to a default service account
# description: |
#   Every pod that sets no serviceAccountName runs as its namespace's
#   "default" service account; binding a role to it gives the permissions
#   to all of those pods, present and future.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/
# custom:
#   id: WARD-K8S-0076
#   severity: MEDIUM
#   remediation: Create a dedicated ServiceAccount for the workload that needs the permissions and bind the role to it instead of "default".
#   input:
#     type: kubernetes
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     cis-kubernetes: ["5.1.5"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.binding_default_service_account

import data.ward.lib.rbac
import rego.v1

deny contains {
	"msg": sprintf("%s %q binds %s %q to the default service account of namespace %q", [input.kind, object.get(input, ["metadata", "name"], ""), object.get(input, ["roleRef", "kind"], ""), rbac.role_ref_name, ns]),
	"path": array.concat(x.path, ["name"]),
	"evidence": sprintf("ServiceAccount %s/default", [ns]),
} if {
	some x in rbac.subjects
	x.subject.kind == "ServiceAccount"
	x.subject.name == "default"
	ns := _ns(x.subject)
}

_ns(s) := s.namespace if {
	is_string(s.namespace)
	s.namespace != ""
} else := object.get(input, ["metadata", "namespace"], "default")
