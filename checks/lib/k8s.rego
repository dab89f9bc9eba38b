# METADATA
# title: Kubernetes helpers for Ward checks
# description: |
#   Normalises every workload kind to its pod spec so one check covers Pod,
#   Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
#   Job and CronJob. Paths are returned so findings point at the right line.
package ward.lib.k8s

import rego.v1

workload_kinds := {
	"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
	"ReplicationController", "Job", "CronJob", "PodTemplate",
}

# pod_path is the path from the object root to its pod spec.
pod_path := ["spec"] if input.kind == "Pod"

pod_path := ["template", "spec"] if input.kind == "PodTemplate"

pod_path := ["spec", "jobTemplate", "spec", "template", "spec"] if input.kind == "CronJob"

pod_path := ["spec", "template", "spec"] if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}
}

# pod_meta_path is the path to the metadata that applies to the pods.
pod_meta_path := ["metadata"] if input.kind == "Pod"

pod_meta_path := ["template", "metadata"] if input.kind == "PodTemplate"

pod_meta_path := ["spec", "jobTemplate", "spec", "template", "metadata"] if input.kind == "CronJob"

pod_meta_path := ["spec", "template", "metadata"] if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}
}

is_workload if input.kind in workload_kinds

# pod_spec is the workload's pod spec ({} when absent).
pod_spec := object.get(input, pod_path, {})

pod_meta := object.get(input, pod_meta_path, {})

pod_annotations := object.get(pod_meta, "annotations", {})

pod_labels := object.get(pod_meta, "labels", {})

container_types := ["initContainers", "containers", "ephemeralContainers"]

# containers is every container of the pod (init, regular and ephemeral),
# each as {"container": c, "path": [...], "type": "containers"}.
containers contains {"container": c, "path": array.concat(pod_path, [t, i]), "type": t} if {
	some t in container_types
	some i, c in object.get(pod_spec, t, [])
}

# regular_containers excludes init and ephemeral containers (used by checks
# such as probes that only apply to long-running containers).
regular_containers contains x if {
	some x in containers
	x.type == "containers"
}

name := object.get(input, ["metadata", "name"], "")

namespace := object.get(input, ["metadata", "namespace"], "default")

# container_sc_path is the path of a container's securityContext.
sc_path(x) := array.concat(x.path, ["securityContext"])

pod_sc_path := array.concat(pod_path, ["securityContext"])

pod_sc := object.get(pod_spec, "securityContext", {})

# effective returns the container's securityContext field, falling back to
# the pod-level securityContext, and null when neither sets it.
effective(x, field) := v if {
	v := x.container.securityContext[field]
} else := v if {
	v := pod_sc[field]
} else := null

# effective_path is where an effective field was set (container, else pod,
# else the container itself when the field is missing).
effective_path(x, field) := array.concat(sc_path(x), [field]) if {
	_ = x.container.securityContext[field]
} else := array.concat(pod_sc_path, [field]) if {
	_ = pod_sc[field]
} else := x.path

# result builds a finding object.
result(msg, path) := {"msg": msg, "path": path}

result_evidence(msg, path, evidence) := {"msg": msg, "path": path, "evidence": evidence}

# container_name names a container in messages.
container_label(x) := sprintf("%s %q", [trim_suffix(x.type, "s"), object.get(x.container, "name", "")])
