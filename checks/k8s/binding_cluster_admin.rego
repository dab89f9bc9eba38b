# METADATA
# title: Binding grants cluster-admin
# description: |
#   A RoleBinding or ClusterRoleBinding to the cluster-admin ClusterRole
#   gives its subjects full control (of the namespace, or of the whole
#   cluster). Bindings whose only subject is the system:masters group (the
#   Kubernetes default) are not reported.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/
# custom:
#   id: WARD-K8S-0074
#   severity: HIGH
#   remediation: Bind a role with only the permissions needed; keep cluster-admin for break-glass access through system:masters.
#   input:
#     type: kubernetes
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     cis-kubernetes: ["5.1.1"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.binding_cluster_admin

import data.ward.lib.rbac
import rego.v1

deny contains {
	"msg": sprintf("%s %q binds cluster-admin to %s", [input.kind, object.get(input, ["metadata", "name"], ""), _subjects]),
	"path": ["roleRef", "name"],
	"evidence": "roleRef.name: cluster-admin",
} if {
	input.roleRef.name == "cluster-admin"
	object.get(input, ["roleRef", "kind"], "ClusterRole") == "ClusterRole"
	some x in rbac.subjects
	not _masters(x.subject)
}

_masters(s) if {
	s.kind == "Group"
	s.name == "system:masters"
}

_subjects := concat(", ", sort([sprintf("%s %q", [object.get(x.subject, "kind", ""), object.get(x.subject, "name", "")]) | some x in rbac.subjects]))
