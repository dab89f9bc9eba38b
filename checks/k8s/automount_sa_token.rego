# METADATA
# title: Pod mounts a service account token
# description: |
#   spec.automountServiceAccountToken is not false: either it is unset, so
#   unless the pod's ServiceAccount opts out every container gets an API
#   token at /var/run/secrets/kubernetes.io/serviceaccount, or it is
#   explicitly true, which mounts the token even when the ServiceAccount
#   opts out. Anyone who compromises a container can use that token with the
#   account's RBAC permissions. Both cases are reported (with different
#   messages), in line with CIS 5.1.6 and the Kubescape, Gatekeeper, Kyverno
#   and Trivy libraries; a workload that really calls the API can suppress
#   the finding with a justification. Severity is LOW: what the token allows
#   depends on RBAC, and for the unset case a ServiceAccount with
#   automountServiceAccountToken: false (not visible to this single-object
#   check) also prevents the mount.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: WARD-K8S-0028
#   severity: LOW
#   remediation: "Set spec.automountServiceAccountToken: false on pods that do not call the Kubernetes API; for those that do, use a dedicated ServiceAccount with least-privilege RBAC, prefer a projected token volume with a short expirationSeconds and audience, and suppress this finding with a justification."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.1.6"]
#     nsa-cisa: ["pod-security/service-account-tokens"]
package ward.k8s.automount_sa_token

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result(
	sprintf("%s does not set automountServiceAccountToken, so a service account token is mounted into its containers", [k8s.object_label]),
	k8s.pod_path,
) if {
	k8s.is_workload
	not has_field
}

deny contains k8s.result(
	sprintf("%s sets automountServiceAccountToken: true, so a service account token is mounted into its containers even if the ServiceAccount opts out", [k8s.object_label]),
	array.concat(k8s.pod_path, ["automountServiceAccountToken"]),
) if {
	k8s.is_workload
	k8s.pod_spec.automountServiceAccountToken == true
}

has_field if is_boolean(k8s.pod_spec.automountServiceAccountToken)
