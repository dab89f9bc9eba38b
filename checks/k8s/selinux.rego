# METADATA
# title: SELinux options escape the container domain
# description: |
#   The pod or a container sets seLinuxOptions.type to a domain other than
#   the container ones (container_t, container_init_t, container_kvm_t,
#   container_engine_t), or sets seLinuxOptions.user or .role. A custom
#   SELinux type such as spc_t or unconfined_t runs the container outside
#   the SELinux policy that confines it to its own files.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: WARD-K8S-0012
#   severity: MEDIUM
#   remediation: Remove seLinuxOptions.user and .role, and leave seLinuxOptions.type unset or set it to container_t (container_init_t, container_kvm_t or container_engine_t where needed). Setting level is allowed.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
#     pss: ["baseline/selinux"]
package ward.k8s.selinux

import data.ward.lib.k8s
import rego.v1

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# settings are every seLinuxOptions object with the path of its securityContext
# and the subject named in messages.
settings contains {"opts": k8s.pod_sc.seLinuxOptions, "path": k8s.pod_sc_path, "who": k8s.object_label} if {
	is_object(k8s.pod_sc.seLinuxOptions)
}

settings contains {
	"opts": x.container.securityContext.seLinuxOptions,
	"path": k8s.sc_path(x),
	"who": sprintf("%s of %s", [k8s.container_label(x), k8s.object_label]),
} if {
	some x in k8s.containers
	is_object(x.container.securityContext.seLinuxOptions)
}

deny contains k8s.result_evidence(
	sprintf("%s sets SELinux type %q", [s.who, t]),
	array.concat(s.path, ["seLinuxOptions", "type"]),
	sprintf("seLinuxOptions.type: %s", [t]),
) if {
	some s in settings
	t := s.opts.type
	not t in allowed_types
}

deny contains k8s.result_evidence(
	sprintf("%s sets SELinux %s %q", [s.who, field, v]),
	array.concat(s.path, ["seLinuxOptions", field]),
	sprintf("seLinuxOptions.%s: %s", [field, v]),
) if {
	some s in settings
	some field in ["user", "role"]
	v := s.opts[field]
	v != ""
}
