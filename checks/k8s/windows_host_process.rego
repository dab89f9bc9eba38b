# METADATA
# title: Windows HostProcess container
# description: |
#   A Windows HostProcess pod or container runs directly on the node, with
#   the node's network and file system and the privileges of a host account:
#   the Windows equivalent of a privileged container.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
# custom:
#   id: WARD-K8S-0015
#   severity: HIGH
#   remediation: Remove securityContext.windowsOptions.hostProcess or set it to false, at pod and container level.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.11"]
#     nsa-cisa: ["pod-security/non-privileged"]
#     pss: ["baseline/host-process"]
package ward.k8s.windows_host_process

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s runs as a Windows HostProcess pod", [k8s.object_label]),
	array.concat(k8s.pod_sc_path, ["windowsOptions", "hostProcess"]),
	"windowsOptions.hostProcess: true",
) if {
	k8s.pod_sc.windowsOptions.hostProcess == true
}

deny contains k8s.result_evidence(
	sprintf("%s of %s is a Windows HostProcess container", [k8s.container_label(x), k8s.object_label]),
	array.concat(k8s.sc_path(x), ["windowsOptions", "hostProcess"]),
	"windowsOptions.hostProcess: true",
) if {
	some x in k8s.containers
	x.container.securityContext.windowsOptions.hostProcess == true
}
