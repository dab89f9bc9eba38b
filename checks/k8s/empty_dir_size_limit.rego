# METADATA
# title: emptyDir volume has no sizeLimit
# description: |
#   An emptyDir without sizeLimit can grow until the node's disk (or, with
#   medium Memory, the node's memory) is exhausted, evicting other pods: a
#   denial of service from a single compromised or misbehaving container.
#   With medium Memory the usage also counts against the container memory
#   limit only when one is set.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
# custom:
#   id: WARD-K8S-0029
#   severity: LOW
#   remediation: Set emptyDir.sizeLimit to the space the application needs (for example 256Mi), and set ephemeral-storage limits on the containers.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
package ward.k8s.empty_dir_size_limit

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result(
	sprintf("%s has emptyDir volume %q without a sizeLimit", [k8s.object_label, vol.name]),
	array.concat(vol.path, ["emptyDir"]),
) if {
	some vol in k8s.pod_volumes
	"emptyDir" in object.keys(vol.volume)
	not has_limit(vol.volume.emptyDir)
}

has_limit(e) if {
	is_object(e)
	e.sizeLimit != null
	e.sizeLimit != ""
	e.sizeLimit != 0
}
