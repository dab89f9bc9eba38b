# METADATA
# title: RBAC rule grants read access to Secrets
# description: |
#   get, list or watch on secrets reveals every Secret in scope: service
#   account tokens, TLS keys, registry and database credentials. list and
#   watch return the values too. Rules restricted by resourceNames are not
#   reported; wildcard verbs and resources are.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0067
#   severity: HIGH
#   remediation: Remove get/list/watch on secrets, or restrict the rule with resourceNames to the Secrets the subject needs.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.2"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_secrets_read

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, sprintf("%s on secrets", [rbac.describe(rbac.granted_verbs(x.rule, _verbs))])) if {
	some x in rbac.rules
	rbac.grants(x.rule, {"": ["secrets"]}, _verbs)
	not rbac.restricted_by_name(x.rule)
}

_verbs := {"get", "list", "watch"}
