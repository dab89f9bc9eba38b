# METADATA
# title: Binding to the system:masters group
# description: |
#   Members of system:masters bypass RBAC entirely and their access cannot be
#   revoked by removing a binding (only by rotating the cluster CA). Bindings
#   that name it suggest it is used as a regular admin group.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/
# custom:
#   id: WARD-K8S-0094
#   severity: HIGH
#   remediation: Do not bind roles to system:masters; use a dedicated group bound to the least-privileged role and keep system:masters certificates for break-glass only.
#   input:
#     type: kubernetes
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     cis-kubernetes: ["5.1.7"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.binding_system_masters

import data.ward.lib.rbac
import rego.v1

deny contains {
	"msg": sprintf("%s %q binds %q to the system:masters group", [input.kind, object.get(input, ["metadata", "name"], ""), rbac.role_ref_name]),
	"path": array.concat(x.path, ["name"]),
	"evidence": "Group: system:masters",
} if {
	some x in rbac.subjects
	x.subject.kind == "Group"
	x.subject.name == "system:masters"
}
