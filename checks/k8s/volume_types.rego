# METADATA
# title: Pod uses a volume type outside the restricted set
# description: |
#   The restricted profile allows only configMap, csi, downwardAPI, emptyDir,
#   ephemeral, persistentVolumeClaim, projected and secret volumes. Other
#   types (hostPath, nfs, iscsi, rbd, cephfs, gitRepo, ...) mount node or
#   network storage directly from the pod spec, bypassing the PersistentVolume
#   access controls the cluster administrator manages.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: WARD-K8S-0016
#   severity: MEDIUM
#   remediation: Use one of the allowed volume types; for network or node storage, have an administrator provision a PersistentVolume and claim it with a persistentVolumeClaim.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
#     pss: ["restricted/volume-types"]
package ward.k8s.volume_types

import data.ward.lib.k8s
import rego.v1

allowed := {
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
	"persistentVolumeClaim", "projected", "secret",
}

deny contains k8s.result_evidence(
	sprintf("%s uses volume %q of type %s, which the restricted profile does not allow", [k8s.object_label, vol.name, t]),
	array.concat(vol.path, [t]),
	sprintf("volumes[].%s", [t]),
) if {
	some vol in k8s.pod_volumes
	some t in k8s.volume_sources(vol.volume)
	vol.volume[t] != null
	not t in allowed
}
