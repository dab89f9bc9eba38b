# METADATA
# title: RBAC rule allows creating service account tokens
# description: |
#   create on serviceaccounts/token mints API tokens for any service account
#   in scope, so the subject can act with the permissions of all of them.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0072
#   severity: HIGH
#   remediation: Remove create on serviceaccounts/token; workloads get their own token through projected volumes.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.13"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_serviceaccount_token

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, "create on serviceaccounts/token") if {
	some x in rbac.rules
	rbac.grants(x.rule, {"": ["serviceaccounts/token"]}, {"create"})
}
