# METADATA
# title: RBAC rule grants escalate, bind or impersonate
# description: |
#   escalate lets a subject create roles with permissions it does not hold,
#   bind lets it bind any role to anyone (itself included), and impersonate
#   lets it act as another user, group or service account. Each is a direct
#   path to cluster-admin.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0069
#   severity: HIGH
#   remediation: Remove the escalate, bind and impersonate verbs; if an operator needs bind, restrict it with resourceNames to the roles it may bind.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.8"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_escalate_bind_impersonate

import data.ward.lib.rbac
import rego.v1

deny contains {
	"msg": sprintf("%s rule %d grants the %q verb on %s", [rbac.role_label, x.index, v, rbac.describe(rbac.resources(x.rule))]),
	"path": array.concat(x.path, ["verbs", j]),
	"evidence": {"verbs": rbac.verbs(x.rule), "resources": rbac.resources(x.rule)},
} if {
	some x in rbac.rules
	some j, v in rbac.verbs(x.rule)
	v in {"escalate", "bind", "impersonate"}
}

# The "*" verb includes escalate, bind and impersonate: report it on the
# resources those verbs act on.
_escalation_targets := {
	"": ["users", "groups", "serviceaccounts"],
	"rbac.authorization.k8s.io": ["roles", "clusterroles"],
}

deny contains {
	"msg": sprintf("%s rule %d grants every verb (including escalate, bind and impersonate) on %s", [rbac.role_label, x.index, concat(", ", sort([r | some r in rs]))]),
	"path": array.concat(x.path, ["verbs", j]),
	"evidence": {"verbs": rbac.verbs(x.rule), "resources": rbac.resources(x.rule)},
} if {
	some x in rbac.rules
	some j, v in rbac.verbs(x.rule)
	v == "*"
	rs := rbac.granted_resources(x.rule, _escalation_targets)
	count(rs) > 0
}
