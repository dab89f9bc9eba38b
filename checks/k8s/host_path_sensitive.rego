# METADATA
# title: Pod mounts a sensitive host path
# description: |
#   A hostPath volume mounts a node directory that holds credentials, kernel
#   interfaces or other workloads' data: /etc, /root, /home, /boot, /proc,
#   /sys, /dev, /lib/modules, the kubelet's and runtimes' state
#   (/var/lib/kubelet, /var/lib/docker, /var/lib/containerd, /var/lib/etcd,
#   /etc/kubernetes) or anything beneath them. Even read-only, such mounts
#   leak kubelet and etcd keys, service account tokens of other pods and
#   host secrets; writable, they allow taking over the node. The timezone
#   files /etc/localtime and /etc/timezone are not reported. The host root
#   and runtime sockets are reported by WARD-K8S-0006.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: WARD-K8S-0031
#   severity: HIGH
#   remediation: Remove the hostPath volume. Node agents that genuinely need it should run in a dedicated, tightly controlled namespace and mount the narrowest path read-only.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.12"]
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/hostpath-volumes"]
package ward.k8s.host_path_sensitive

import data.ward.lib.k8s
import rego.v1

sensitive := {
	"/etc", "/root", "/home", "/boot", "/proc", "/sys", "/dev", "/lib/modules",
	"/usr/lib/modules", "/var/lib/kubelet", "/var/lib/docker",
	"/var/lib/containerd", "/var/lib/etcd", "/var/lib/rancher", "/var/lib/k0s",
}

harmless := {"/etc/localtime", "/etc/timezone"}

under(p, dir) if p == dir

under(p, dir) if startswith(p, concat("", [dir, "/"]))

deny contains k8s.result_evidence(
	sprintf("%s mounts sensitive host path %q as volume %q", [k8s.object_label, v.host_path, v.name]),
	v.path,
	sprintf("hostPath.path: %s", [v.host_path]),
) if {
	some v in k8s.host_path_volumes
	not v.host_path in harmless
	some dir in sensitive
	under(v.host_path, dir)
}
