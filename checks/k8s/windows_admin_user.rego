# METADATA
# title: Windows container runs as an administrator account
# description: |
#   The container's effective windowsOptions.runAsUserName (its own or the
#   pod's) is ContainerAdministrator or NT AUTHORITY\SYSTEM, the Windows
#   equivalents of running as root. Windows images default to
#   ContainerUser, an unprivileged account.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-runasusername/
# custom:
#   id: WARD-K8S-0032
#   severity: MEDIUM
#   remediation: Set windowsOptions.runAsUserName to ContainerUser (or another unprivileged account), or remove it.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/non-root"]
package ward.k8s.windows_admin_user

import data.ward.lib.k8s
import rego.v1

admins := {"containeradministrator", "nt authority\\system", "system", "administrator"}

user_path(x) := array.concat(k8s.sc_path(x), ["windowsOptions", "runAsUserName"]) if {
	_ = x.container.securityContext.windowsOptions.runAsUserName
} else := array.concat(k8s.pod_sc_path, ["windowsOptions", "runAsUserName"])

user(x) := u if {
	u := x.container.securityContext.windowsOptions.runAsUserName
} else := u if {
	u := k8s.pod_sc.windowsOptions.runAsUserName
}

deny contains k8s.result_evidence(
	sprintf("%s of %s runs as Windows administrator account %s", [k8s.container_label(x), k8s.object_label, u]),
	user_path(x),
	sprintf("windowsOptions.runAsUserName: %s", [u]),
) if {
	some x in k8s.containers
	u := user(x)
	is_string(u)
	lower(u) in admins
}
