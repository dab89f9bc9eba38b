package enrich

import (
	"regexp"
	"strings"
)

// CgroupInfo is what a cgroup path says about the container and pod a
// process runs in.
type CgroupInfo struct {
	// ContainerID is the full 64-hex container ID; empty for host
	// processes.
	ContainerID string
	// Runtime is "docker", "containerd", "cri-o" or "podman" when the path
	// names it.
	Runtime string
	// PodUID is the Kubernetes pod UID for kubepods cgroups.
	PodUID string
}

var (
	hex64    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	podUIDRe = regexp.MustCompile(`pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})`)
)

// runtimePrefixes are the systemd scope prefixes of the container
// runtimes ("docker-<id>.scope", "cri-containerd-<id>.scope", …).
var runtimePrefixes = []struct{ prefix, runtime string }{
	{"docker-", "docker"},
	{"cri-containerd-", "containerd"},
	{"crio-conmon-", "cri-o"},
	{"crio-", "cri-o"},
	{"libpod-conmon-", "podman"},
	{"libpod-", "podman"},
	{"containerd-", "containerd"},
}

// ParseCgroup reads the container ID, runtime and pod UID from a cgroup
// path (the cgroup v2 line of /proc/PID/cgroup, or a v1 line's path). It
// knows the layouts of Docker (systemd and cgroupfs drivers), containerd
// and CRI-O under Kubernetes (systemd "kubepods-…-pod<uid>.slice/…" and
// cgroupfs "/kubepods/<qos>/pod<uid>/<id>"), and Podman. A path that
// names no container gives an empty ContainerID.
func ParseCgroup(path string) CgroupInfo {
	var info CgroupInfo
	if m := podUIDRe.FindStringSubmatch(path); m != nil {
		info.PodUID = strings.ReplaceAll(m[1], "_", "-")
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	// The innermost component that names a container wins (nested
	// cgroups, e.g. Docker-in-Docker, end with the inner container).
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.TrimSuffix(parts[i], ".scope")
		for _, rp := range runtimePrefixes {
			if id, ok := strings.CutPrefix(p, rp.prefix); ok && hex64.MatchString(id) {
				info.ContainerID, info.Runtime = id, rp.runtime
				return info
			}
		}
		if hex64.MatchString(p) {
			info.ContainerID = p
			switch {
			case i > 0 && parts[i-1] == "docker":
				info.Runtime = "docker"
			case i > 0 && strings.HasPrefix(parts[i-1], "pod"):
				// cgroupfs driver under Kubernetes: the runtime is not
				// named in the path.
			}
			return info
		}
	}
	return info
}

// cgroupV2Path returns the path of the unified (v2) hierarchy from the
// content of /proc/PID/cgroup, falling back to the first v1 line that
// names a container.
func cgroupV2Path(content string) string {
	var fallback string
	for _, line := range strings.Split(content, "\n") {
		hid, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		_, p, ok := strings.Cut(rest, ":")
		if !ok {
			continue
		}
		if hid == "0" {
			return p
		}
		if fallback == "" && ParseCgroup(p).ContainerID != "" {
			fallback = p
		}
	}
	return fallback
}
