# METADATA
# title: Workload uses the default service account
# description: |
#   Pods that set no serviceAccountName run as the namespace's "default"
#   service account, shared by every other such pod: any permission granted
#   to it is granted to all of them, and their API identity cannot be told
#   apart in audit logs.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
# custom:
#   id: WARD-K8S-0059
#   severity: MEDIUM
#   remediation: Create a dedicated ServiceAccount for the workload (with automountServiceAccountToken false unless it calls the API) and set serviceAccountName.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.1.5"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.default_service_account

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result(
	sprintf("%s %q runs as the default service account%s", [input.kind, k8s.name, how]),
	path,
) if {
	sa := _sa
	sa.name in {"", "default"}
	path := sa.path
	how := _how(sa.name)
}

_how("") := " (no serviceAccountName set)"

_how("default") := ""

# _sa is the service account name and where it is set: serviceAccountName,
# else the deprecated serviceAccount, else the pod spec.
_sa := {"name": n, "path": array.concat(k8s.pod_path, ["serviceAccountName"])} if {
	n := k8s.pod_spec.serviceAccountName
	is_string(n)
	n != ""
} else := {"name": n, "path": array.concat(k8s.pod_path, ["serviceAccount"])} if {
	n := k8s.pod_spec.serviceAccount
	is_string(n)
	n != ""
} else := {"name": "", "path": k8s.pod_path}
