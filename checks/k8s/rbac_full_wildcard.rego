# METADATA
# title: RBAC rule grants every verb on every resource
# description: |
#   A rule with apiGroups, resources and verbs all "*" is equivalent to
#   cluster-admin (within the role's scope): whoever is bound to it controls
#   every object, including RBAC itself.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0066
#   severity: CRITICAL
#   remediation: Replace the rule with the specific API groups, resources and verbs needed; bind the built-in cluster-admin role only to break-glass identities.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.1", "5.1.3"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_full_wildcard

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, "every verb on every resource of every API group (cluster-admin equivalent)") if {
	some x in rbac.rules
	"*" in rbac.api_groups(x.rule)
	"*" in rbac.resources(x.rule)
	"*" in rbac.verbs(x.rule)
}
