# METADATA
# title: Container root file system is writable
# description: |
#   securityContext.readOnlyRootFilesystem is not true, so an attacker who
#   gains code execution can modify the container's binaries and
#   configuration, or drop and run tools. No Pod Security Standards profile
#   requires it; the NSA/CISA guide recommends immutable container file
#   systems. Writable paths the application needs can be emptyDir mounts.
#   Windows pods (spec.os.name windows) are skipped: Windows does not support
#   the setting.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: WARD-K8S-0023
#   severity: LOW
#   remediation: "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes at the paths the application writes to (for example /tmp)."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.7.3"]
#     nsa-cisa: ["pod-security/immutable-fs"]
package ward.k8s.read_only_root_fs

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s sets readOnlyRootFilesystem to %v", [k8s.container_label(x), k8s.object_label, v]),
	array.concat(k8s.sc_path(x), ["readOnlyRootFilesystem"]),
	sprintf("readOnlyRootFilesystem: %v", [v]),
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	v := x.container.securityContext.readOnlyRootFilesystem
	v != true
}

deny contains k8s.result(
	sprintf("%s of %s does not set readOnlyRootFilesystem to true", [k8s.container_label(x), k8s.object_label]),
	x.path,
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	not has_field(x)
}

has_field(x) if _ = x.container.securityContext.readOnlyRootFilesystem
