# METADATA
# title: Pod sets an unsafe sysctl
# description: |
#   The pod sets a sysctl outside the Pod Security Standards safe set
#   (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range,
#   net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies,
#   net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports,
#   net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout,
#   net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes). Unsafe
#   sysctls are not namespaced or not isolated, and can affect other pods or
#   the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
# custom:
#   id: WARD-K8S-0014
#   severity: MEDIUM
#   remediation: Remove the sysctl from spec.securityContext.sysctls, or tune it on the nodes for the workloads that need it.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
#     pss: ["baseline/sysctls"]
package ward.k8s.sysctls

import data.ward.lib.k8s
import rego.v1

safe := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
}

deny contains k8s.result_evidence(
	sprintf("%s sets unsafe sysctl %s", [k8s.object_label, s.name]),
	array.concat(k8s.pod_sc_path, ["sysctls", i, "name"]),
	sprintf("sysctls[].name: %s", [s.name]),
) if {
	some i, s in object.get(k8s.pod_sc, "sysctls", [])
	is_string(s.name)

	# sysctl names may use "/" as the separator (net/ipv4/tcp_syncookies).
	not replace(s.name, "/", ".") in safe
}
