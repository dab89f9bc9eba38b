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

# --- Pod Security Standards helpers (WARD-K8S-0001..0049) ---

# object_label names the object in messages, e.g. `Deployment "web"`.
object_label := sprintf("%s %q", [input.kind, name])

# is_windows_pod is true when the pod declares spec.os.name: windows (PSS
# exempts such pods from the Linux-only restricted controls).
is_windows_pod if pod_spec.os.name == "windows"

# pod_volumes is every pod volume as {"volume": v, "name": n, "path": [...]}.
pod_volumes contains {"volume": v, "name": object.get(v, "name", ""), "path": array.concat(pod_path, ["volumes", i])} if {
	some i, v in object.get(pod_spec, "volumes", [])
	is_object(v)
}

# volume_sources is the set of source keys a volume sets (hostPath, emptyDir, ...).
volume_sources(v) := {k | some k, _ in v; k != "name"}

# host_path_volumes is every hostPath volume with its normalised host path
# ("/var/run/" and "/var//run" become "/var/run"), as
# {"volume": v, "name": n, "host_path": p, "path": [... "hostPath", "path"]}.
host_path_volumes contains {
	"volume": vol.volume,
	"name": vol.name,
	"host_path": clean_host_path(p),
	"path": array.concat(vol.path, ["hostPath", "path"]),
} if {
	some vol in pod_volumes
	is_object(vol.volume.hostPath)
	p := object.get(vol.volume.hostPath, "path", "")
	is_string(p)
}

# clean_host_path collapses repeated and trailing slashes of a host path.
clean_host_path(p) := "/" if {
	parts := [s | some s in split(p, "/"); s != ""]
	count(parts) == 0
} else := concat("", ["/", concat("/", [s | some s in split(p, "/"); s != ""])])

# capability_name normalises a capability name: upper case, no CAP_ prefix.
capability_name(c) := trim_prefix(upper(c), "CAP_")

# added_capabilities is each capability a container adds, as
# {"name": normalised, "raw": as written, "path": [... "add", i]}.
added_capabilities(x) := {{"name": capability_name(c), "raw": c, "path": array.concat(sc_path(x), ["capabilities", "add", i])} |
	some i, c in object.get(x.container, ["securityContext", "capabilities", "add"], [])
	is_string(c)
}

# dropped_capabilities is the set of normalised capability names a container drops.
dropped_capabilities(x) := {capability_name(c) |
	some c in object.get(x.container, ["securityContext", "capabilities", "drop"], [])
	is_string(c)
}

# container_sc is a container's securityContext ({} when absent or null).
container_sc(x) := sc if {
	sc := x.container.securityContext
	is_object(sc)
} else := {}

# pod_seccomp_type is the pod-level seccompProfile.type (null when unset).
pod_seccomp_type := object.get(pod_sc, ["seccompProfile", "type"], null)

# effective_seccomp_type is the container's seccompProfile.type, falling
# back to the pod's, null when neither sets it.
effective_seccomp_type(x) := t if {
	t := x.container.securityContext.seccompProfile.type
} else := t if {
	t := pod_sc.seccompProfile.type
} else := null

# ---------------------------------------------------------------------------
# Helpers added for the workload / RBAC / network checks (WARD-K8S-0050..).
# ---------------------------------------------------------------------------

# running_workload_kinds are the kinds that run pods (PodTemplate does not).
running_workload_kinds := workload_kinds - {"PodTemplate"}

# pod_path_of is pod_path for an arbitrary object (cross-resource checks,
# whose input is not the object itself).
pod_path_of(obj) := ["spec"] if {
	obj.kind == "Pod"
} else := ["template", "spec"] if {
	obj.kind == "PodTemplate"
} else := ["spec", "jobTemplate", "spec", "template", "spec"] if {
	obj.kind == "CronJob"
} else := ["spec", "template", "spec"]

# pod_meta_path_of is pod_meta_path for an arbitrary object.
pod_meta_path_of(obj) := ["metadata"] if {
	obj.kind == "Pod"
} else := ["template", "metadata"] if {
	obj.kind == "PodTemplate"
} else := ["spec", "jobTemplate", "spec", "template", "metadata"] if {
	obj.kind == "CronJob"
} else := ["spec", "template", "metadata"]

# pod_labels_of is the labels of the pods an object runs ({} when none).
pod_labels_of(obj) := l if {
	l := object.get(obj, array.concat(pod_meta_path_of(obj), ["labels"]), {})
	is_object(l)
} else := {}

# namespace_of is an object's namespace, "default" when unset or empty.
namespace_of(obj) := ns if {
	ns := obj.metadata.namespace
	is_string(ns)
	ns != ""
} else := "default"

# in_default_namespace holds when the input object sets no namespace, or
# the "default" one.
in_default_namespace if namespace_of(input) == "default"

# selector_matches reports whether a label selector ({matchLabels,
# matchExpressions}) selects the given labels. An empty selector selects all.
selector_matches(sel, labels) if {
	every k, v in object.get(sel, "matchLabels", {}) {
		labels[k] == v
	}
	every e in object.get(sel, "matchExpressions", []) {
		_expr_matches(e, labels)
	}
}

_expr_matches(e, labels) if {
	e.operator == "In"
	labels[e.key] in object.get(e, "values", [])
}

_expr_matches(e, labels) if {
	e.operator == "NotIn"
	not e.key in object.keys(labels)
}

_expr_matches(e, labels) if {
	e.operator == "NotIn"
	v := labels[e.key]
	not v in object.get(e, "values", [])
}

_expr_matches(e, labels) if {
	e.operator == "Exists"
	e.key in object.keys(labels)
}

_expr_matches(e, labels) if {
	e.operator == "DoesNotExist"
	not e.key in object.keys(labels)
}

# image_name is an image reference without its digest.
image_name(img) := split(img, "@")[0]

# image_digest is the digest of an image reference ("" when not pinned).
image_digest(img) := d if {
	parts := split(img, "@")
	count(parts) > 1
	d := parts[1]
} else := ""

# image_tag is the tag of an image reference ("" when it has none). A ':' in
# the registry host (registry:5000/app) is not a tag.
image_tag(img) := t if {
	segs := split(image_name(img), "/")
	last := segs[count(segs) - 1]
	contains(last, ":")
	t := substring(last, indexof(last, ":") + 1, -1)
} else := ""

# image_pinned holds when the reference carries a digest of a registered
# OCI algorithm (sha256, sha384, sha512, blake3).
image_pinned(img) if regex.match(`^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}|blake3:[a-f0-9]{64})$`, image_digest(img))

# image_mutable_latest holds for a reference that resolves to :latest (tag
# "latest", or no tag and no digest).
image_mutable_latest(img) if {
	image_tag(img) == "latest"
	not image_pinned(img)
}

image_mutable_latest(img) if {
	image_tag(img) == ""
	image_digest(img) == ""
}

# secret_like_name holds for names that suggest the value is a credential
# (env var names, ConfigMap keys). Names that point at a file or path
# holding the secret (PASSWORD_FILE) are not secrets themselves.
secret_like_name(n) if {
	regex.match(`(?i)(passw(or)?d|passwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|credential)`, n)
	not regex.match(`(?i)[_.-](file|path|dir|ref|name)$`, n)
}

# resources_path is where a container's resources.<section> should be:
# the section when present, else resources, else the container.
resources_path(x, section) := array.concat(x.path, ["resources", section]) if {
	is_object(x.container.resources[section])
} else := array.concat(x.path, ["resources"]) if {
	is_object(x.container.resources)
} else := x.path

# resource_set holds when resources.<section>.<name> is set to a non-empty value.
resource_set(x, section, name) if {
	v := x.container.resources[section][name]
	v != null
	v != ""
}

# secret_like_value holds for literal values that have the shape of a
# credential whatever the variable or key is called: AWS access key IDs,
# PEM private keys, HTTP bearer tokens, JWTs and GitHub tokens. The patterns
# are anchored on well-known prefixes so that ordinary words ("AKIA",
# "bearer", "JWT") do not match.
secret_like_value(v) if {
	is_string(v)
	some re in _secret_value_patterns
	regex.match(re, v)
}

# A bearer token: at least 8 token characters including a digit, so prose
# such as "bearer authentication" and "Bearer $(TOKEN)" do not match.
secret_like_value(v) if {
	is_string(v)
	some m in regex.find_all_string_submatch_n(`(?i)\bbearer\s+([A-Za-z0-9\-._~+/]{8,}=*)`, v, -1)
	regex.match(`[0-9]`, m[1])
}

_secret_value_patterns := [
	`\b(AKIA|ASIA)[0-9A-Z]{16}\b`,
	`-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----`,
	`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`,
	`\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b`,
]

# credential_name extends secret_like_name with short or compound names that
# also denote credentials: names ending in pwd, jwt or bearer as a whole
# part (DB_PWD, APP_JWT; not JWT_ISSUER), and names ending in a
# storage/account/signing/encryption/master/shared key (AZURE_STORAGE_KEY).
# A bare "key" is deliberately not enough (CACHE_KEY, PARTITION_KEY). Names
# of files or paths stay excluded.
credential_name(n) if secret_like_name(n)

credential_name(n) if {
	regex.match(`(?i)((^|[_.-])(pwd|jwt|bearer)|(storage|batch|account|master|signing|encryption|shared)[_.-]?key)$`, n)
	not regex.match(`(?i)[_.-](file|path|dir|ref|name)$`, n)
}
