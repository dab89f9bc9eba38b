# METADATA
# title: RBAC rule allows modifying admission webhooks
# description: |
#   Whoever can change a ValidatingWebhookConfiguration or
#   MutatingWebhookConfiguration can disable policy enforcement or inject
#   arbitrary changes (sidecars, privileges) into every object admitted.
#   ValidatingAdmissionPolicies and their bindings are covered too.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0073
#   severity: HIGH
#   remediation: Restrict create/update/patch/delete on validating and mutating webhook configurations to the cluster operators and the controllers that own them.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.12"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_admission_webhooks

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, sprintf("%s on %s", [
	rbac.describe(rbac.granted_verbs(x.rule, _verbs)),
	rbac.describe(rbac.granted_resources(x.rule, _resources)),
])) if {
	some x in rbac.rules
	rbac.grants(x.rule, _resources, _verbs)
}

_verbs := {"create", "update", "patch", "delete", "deletecollection"}

_resources := {"admissionregistration.k8s.io": [
	"validatingwebhookconfigurations",
	"mutatingwebhookconfigurations",
	"validatingadmissionpolicies",
	"validatingadmissionpolicybindings",
]}
