# METADATA
# title: RBAC rule with wildcard verbs
# description: |
#   A rule with verbs: ["*"] grants every current and future verb on its
#   resources, including escalate, bind, impersonate and deletecollection,
#   far beyond what a workload or user normally needs.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0064
#   severity: HIGH
#   remediation: List the verbs the subject needs (e.g. get, list, watch) instead of "*".
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.3"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_wildcard_verbs

import data.ward.lib.rbac
import rego.v1

deny contains {
	"msg": sprintf("%s rule %d allows every verb (\"*\") on %s", [rbac.role_label, x.index, rbac.describe(rbac.resources(x.rule))]),
	"path": array.concat(x.path, ["verbs", j]),
	"evidence": {"verbs": rbac.verbs(x.rule)},
} if {
	some x in rbac.rules
	some j, v in rbac.verbs(x.rule)
	v == "*"
}
