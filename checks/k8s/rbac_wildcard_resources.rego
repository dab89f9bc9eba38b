# METADATA
# title: RBAC rule with wildcard resources
# description: |
#   A rule with resources: ["*"] grants access to every resource and
#   subresource of its API groups - including secrets, pods/exec and
#   resources added later by CRDs - instead of the ones the subject needs.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0065
#   severity: HIGH
#   remediation: List the resources the subject needs instead of "*".
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.3"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_wildcard_resources

import data.ward.lib.rbac
import rego.v1

deny contains {
	"msg": sprintf("%s rule %d applies to every resource (\"*\") of API groups %s", [rbac.role_label, x.index, _groups(x.rule)]),
	"path": array.concat(x.path, ["resources", j]),
	"evidence": {"apiGroups": rbac.api_groups(x.rule), "resources": rbac.resources(x.rule)},
} if {
	some x in rbac.rules
	some j, r in rbac.resources(x.rule)
	r == "*"
}

_groups(rule) := concat(", ", [sprintf("%q", [g]) | some g in rbac.api_groups(rule)])
