# METADATA
# title: RBAC rule allows approving certificate signing requests
# description: |
#   update on certificatesigningrequests/approval (with approve on a signer)
#   lets a subject issue itself a client certificate for any user or group,
#   system:masters included.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0092
#   severity: HIGH
#   remediation: Remove update/patch on certificatesigningrequests/approval and approve on signers; leave approval to the controllers that own each signer.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.11"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_csr_approval

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, "update/patch on certificatesigningrequests/approval") if {
	some x in rbac.rules
	rbac.grants(x.rule, {"certificates.k8s.io": ["certificatesigningrequests/approval"]}, {"update", "patch"})
}

deny contains rbac.rule_finding(x, "approve on certificate signers") if {
	some x in rbac.rules
	rbac.grants(x.rule, {"certificates.k8s.io": ["signers"]}, {"approve"})
}
