# METADATA
# title: Pod mounts the host root or a container runtime socket
# description: |
#   A hostPath volume of the node's root directory, or of a container runtime
#   socket (Docker, containerd, CRI-O, cri-dockerd, Podman) or the directory
#   holding it, hands the workload the node: through the socket it can start
#   a privileged container with the host's file system mounted, and through
#   `/` it can rewrite the node's binaries, kubelet credentials and keys.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: WARD-K8S-0006
#   severity: CRITICAL
#   remediation: Remove the hostPath volume. Workloads that need container metadata should use the Kubernetes API or the kubelet's read-only interfaces, not the runtime socket.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.12"]
#     nsa-cisa: ["pod-security/host-isolation"]
#     pss: ["baseline/hostpath-volumes"]
package ward.k8s.host_path_critical

import data.ward.lib.k8s
import rego.v1

socket_files := {"docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "podman.sock", "dockershim.sock"}

# Directories that hold a runtime socket: mounting one exposes the socket.
socket_dirs := {
	"/run", "/var/run",
	"/run/containerd", "/var/run/containerd",
	"/run/crio", "/var/run/crio",
	"/run/docker", "/var/run/docker",
	"/run/podman", "/var/run/podman",
	"/run/cri-dockerd", "/var/run/cri-dockerd",
	"/run/k3s/containerd", "/var/run/k3s/containerd",
}

what(p) := "the host root file system" if p == "/"

what(p) := "a container runtime socket" if {
	parts := split(p, "/")
	parts[count(parts) - 1] in socket_files
}

what(p) := "a directory holding a container runtime socket" if p in socket_dirs

deny contains k8s.result_evidence(
	sprintf("%s mounts %s (%q) as volume %q", [k8s.object_label, what(v.host_path), v.host_path, v.name]),
	v.path,
	sprintf("hostPath.path: %s", [v.host_path]),
) if {
	some v in k8s.host_path_volumes
	what(v.host_path)
}
