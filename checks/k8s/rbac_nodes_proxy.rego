# METADATA
# title: RBAC rule grants access to nodes/proxy
# description: |
#   nodes/proxy gives direct access to the kubelet API, which bypasses
#   admission control and audit logging: it can run commands in any pod on
#   the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0071
#   severity: HIGH
#   remediation: Remove nodes/proxy from the rule; use the metrics and log APIs instead of direct kubelet access.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.10"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_nodes_proxy

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, sprintf("%s on nodes/proxy", [rbac.describe(rbac.granted_verbs(x.rule, _verbs))])) if {
	some x in rbac.rules
	rbac.grants(x.rule, {"": ["nodes/proxy"]}, _verbs)
}

_verbs := {"get", "create", "update", "patch", "delete", "list", "watch"}
