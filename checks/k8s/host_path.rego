# METADATA
# title: Pod mounts a hostPath volume
# description: |
#   A hostPath volume exposes part of the node's file system to the pod. A
#   writable mount, or a read-only one of a sensitive path, lets the
#   workload read node secrets or escape to the node. Mounts of the host root
#   and container runtime sockets are also reported by WARD-K8S-0006, and
#   other sensitive host paths by WARD-K8S-0031.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: WARD-K8S-0005
#   severity: MEDIUM
#   remediation: Replace the hostPath volume with a configMap, secret, emptyDir, persistentVolumeClaim or CSI volume. If node access is unavoidable, mount the narrowest path read-only.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.12"]
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/hostpath-volumes"]
package ward.k8s.host_path

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s mounts host path %q as volume %q", [k8s.object_label, hp, vol.name]),
	array.concat(vol.path, ["hostPath", "path"]),
	sprintf("hostPath.path: %s", [hp]),
) if {
	some vol in k8s.pod_volumes
	is_object(vol.volume.hostPath)
	hp := sprintf("%v", [object.get(vol.volume.hostPath, "path", "")])
}
