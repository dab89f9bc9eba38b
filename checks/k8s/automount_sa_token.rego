# METADATA
# title: Pod mounts a service account token by default
# description: |
#   spec.automountServiceAccountToken is unset, so unless the pod's
#   ServiceAccount opts out, every container gets an API token at
#   /var/run/secrets/kubernetes.io/serviceaccount that anyone who compromises
#   the container can use with the account's RBAC permissions. Pods that
#   need the API should say so with automountServiceAccountToken: true, which
#   is treated as a deliberate decision and not reported. Severity is LOW:
#   what the token allows depends on RBAC, and a ServiceAccount with
#   automountServiceAccountToken: false (not visible to this single-object
#   check) also prevents the mount.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: WARD-K8S-0028
#   severity: LOW
#   remediation: "Set spec.automountServiceAccountToken: false on pods that do not call the Kubernetes API; for those that do, set it to true explicitly and use a dedicated ServiceAccount with least-privilege RBAC."
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

has_field if is_boolean(k8s.pod_spec.automountServiceAccountToken)
