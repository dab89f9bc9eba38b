# METADATA
# title: RBAC rule allows exec or attach into pods
# description: |
#   create (or get, used by websocket clients) on pods/exec or pods/attach
#   gives a shell in any pod in scope: its service account token, mounted
#   secrets and network position come with it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0068
#   severity: HIGH
#   remediation: Remove create/get on pods/exec and pods/attach; grant interactive access only to break-glass roles.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_pods_exec

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, sprintf("%s on %s", [
	rbac.describe(rbac.granted_verbs(x.rule, _verbs)),
	rbac.describe(rbac.granted_resources(x.rule, _resources)),
])) if {
	some x in rbac.rules
	rbac.grants(x.rule, _resources, _verbs)
}

_verbs := {"create", "get"}

_resources := {"": ["pods/exec", "pods/attach"]}
