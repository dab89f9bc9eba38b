package enrich

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
)

const cid = "3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00998877665544332211"

func TestParseCgroup(t *testing.T) {
	for _, c := range []struct {
		name, path string
		want       CgroupInfo
	}{
		{"host_user_slice", "/user.slice/user-0.slice/session-3.scope", CgroupInfo{}},
		{"docker_systemd", "/system.slice/docker-" + cid + ".scope", CgroupInfo{ContainerID: cid, Runtime: "docker"}},
		{"docker_cgroupfs", "/docker/" + cid, CgroupInfo{ContainerID: cid, Runtime: "docker"}},
		{"containerd_kubepods_systemd", "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0.slice/cri-containerd-" + cid + ".scope",
			CgroupInfo{ContainerID: cid, Runtime: "containerd", PodUID: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}},
		{"crio_kubepods", "/kubepods.slice/kubepods-pod0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0.slice/crio-" + cid + ".scope",
			CgroupInfo{ContainerID: cid, Runtime: "cri-o", PodUID: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}},
		{"kubepods_cgroupfs", "/kubepods/besteffort/pod0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/" + cid,
			CgroupInfo{ContainerID: cid, PodUID: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}},
		{"podman", "/machine.slice/libpod-" + cid + ".scope/container", CgroupInfo{ContainerID: cid, Runtime: "podman"}},
		{"pod_without_container", "/kubepods.slice/kubepods-pod0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0.slice", CgroupInfo{PodUID: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}},
		{"short_hex_is_not_an_id", "/docker/3f4e5d6c7b8a", CgroupInfo{}},
		{"uppercase_is_not_an_id", "/docker/" + "3F4E5D6C7B8A99887766554433221100FFEEDDCCBBAA00998877665544332211", CgroupInfo{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if d := cmp.Diff(c.want, ParseCgroup(c.path)); d != "" {
				t.Errorf("ParseCgroup(%q) (-want +got):\n%s", c.path, d)
			}
		})
	}
}

func TestCgroupV2Path(t *testing.T) {
	v2 := "0::/system.slice/docker-" + cid + ".scope\n"
	if got := cgroupV2Path(v2); got != "/system.slice/docker-"+cid+".scope" {
		t.Errorf("v2: %q", got)
	}
	v1 := "12:pids:/docker/" + cid + "\n11:cpu,cpuacct:/docker/" + cid + "\n1:name=systemd:/docker/" + cid + "\n"
	if got := cgroupV2Path(v1); got != "/docker/"+cid {
		t.Errorf("v1: %q", got)
	}
}

func TestSplitImage(t *testing.T) {
	for _, c := range []struct{ in, repo, tag string }{
		{"nginx", "nginx", "latest"},
		{"nginx:1.27", "nginx", "1.27"},
		{"registry:5000/team/app:v2", "registry:5000/team/app", "v2"},
		{"registry:5000/team/app", "registry:5000/team/app", "latest"},
		{"ghcr.io/org/app@sha256:abcd", "ghcr.io/org/app", ""},
		{"ghcr.io/org/app:1.0@sha256:abcd", "ghcr.io/org/app", "1.0"},
		{"", "", ""},
	} {
		repo, tag := SplitImage(c.in)
		if repo != c.repo || tag != c.tag {
			t.Errorf("SplitImage(%q) = %q, %q; want %q, %q", c.in, repo, tag, c.repo, c.tag)
		}
	}
}

// fakeProc writes a procfs entry: stat with comm and ppid, an exe link,
// cmdline and cgroup.
func fakeProc(t testing.TB, procfs string, pid, ppid uint32, exe string, argv []string, cgroup string) {
	t.Helper()
	dir := filepath.Join(procfs, strconv.Itoa(int(pid)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	comm := filepath.Base(exe)
	stat := strconv.Itoa(int(pid)) + " (" + comm + ") S " + strconv.Itoa(int(ppid)) + " 1 1 0 -1\n"
	cmd := ""
	for _, a := range argv {
		cmd += a + "\x00"
	}
	for name, data := range map[string]string{"stat": stat, "cmdline": cmd, "cgroup": "0::" + cgroup + "\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(exe, filepath.Join(dir, "exe")); err != nil {
		t.Fatal(err)
	}
}

type fakeContainers map[string]event.Container

func (f fakeContainers) Container(_ context.Context, id string) (event.Container, bool) {
	c, ok := f[id]
	return c, ok
}

type fakePods map[string]event.K8s

func (f fakePods) Pod(containerID, _ string) (event.K8s, event.Container, bool) {
	k, ok := f[containerID]
	return k, event.Container{}, ok
}

func TestEnrich(t *testing.T) {
	procfs := t.TempDir()
	// systemd (1) → containerd-shim (100) → sh (200, in the container).
	fakeProc(t, procfs, 1, 0, "/usr/lib/systemd/systemd", []string{"/sbin/init"}, "/init.scope")
	fakeProc(t, procfs, 100, 1, "/usr/bin/containerd-shim-runc-v2", []string{"containerd-shim-runc-v2", "-namespace", "moby"}, "/system.slice/containerd.service")
	fakeProc(t, procfs, 200, 100, "/bin/sh", []string{"sh", "-c", "sleep 60"}, "/system.slice/docker-"+cid+".scope")
	en := New(Config{
		ProcFS:     procfs,
		CgroupFS:   t.TempDir(),
		Containers: fakeContainers{cid: {Name: "web", Image: "nginx:1.27", ImageRepository: "nginx", ImageTag: "1.27"}},
		Pods:       fakePods{cid: {Namespace: "shop", Pod: "web-7c9f", Labels: map[string]string{"app": "web"}}},
	})
	if en.Procs() != 3 {
		t.Fatalf("seeded %d processes, want 3", en.Procs())
	}
	ctx := context.Background()

	// An exec in the container: cat (300) started by sh (200).
	exec := &event.Event{Type: event.Execve, Proc: event.Process{PID: 300, PPID: 200, Comm: "cat", Name: "cat", ExePath: "/usr/bin/cat", Args: []string{"/etc/shadow"}, EUID: 0, CgroupID: 77}}
	en.Enrich(ctx, exec)
	wantAnc := []event.Ancestor{
		{PID: 200, Name: "sh", ExePath: "/bin/sh", Args: []string{"-c", "sleep 60"}},
		{PID: 100, Name: "containerd-shim-runc-v2", ExePath: "/usr/bin/containerd-shim-runc-v2", Args: []string{"-namespace", "moby"}},
		{PID: 1, Name: "systemd", ExePath: "/usr/lib/systemd/systemd"},
	}
	if d := cmp.Diff(wantAnc, exec.Proc.Ancestors); d != "" {
		t.Errorf("ancestors (-want +got):\n%s", d)
	}
	// pid 300 has no procfs entry: its cgroup comes from the cgroup ID
	// cached... which is not known yet, so it is looked up by PID and
	// fails; the container stays empty until a live lookup succeeds.
	if exec.Container.ID != "" {
		t.Errorf("container of an unknown cgroup: %+v", exec.Container)
	}

	// An open by sh (a live process): the container and pod are found
	// through /proc/200/cgroup, and the result is cached by cgroup ID.
	open := &event.Event{Type: event.Openat, Proc: event.Process{PID: 200, Comm: "sh", CgroupID: 77}, File: &event.File{Path: "/etc/shadow"}}
	en.Enrich(ctx, open)
	if open.Proc.ExePath != "/bin/sh" || open.Proc.Name != "sh" || len(open.Proc.Args) != 2 {
		t.Errorf("process of a non-exec event not filled from the tree: %+v", open.Proc)
	}
	wantC := event.Container{ID: cid[:12], FullID: cid, Name: "web", Runtime: "docker", Image: "nginx:1.27", ImageRepository: "nginx", ImageTag: "1.27"}
	if d := cmp.Diff(wantC, open.Container); d != "" {
		t.Errorf("container (-want +got):\n%s", d)
	}
	if open.K8s.Namespace != "shop" || open.K8s.Pod != "web-7c9f" || open.K8s.Labels["app"] != "web" {
		t.Errorf("k8s %+v", open.K8s)
	}
	if open.User.Name != "root" {
		t.Errorf("uid 0 user name %q", open.User.Name)
	}

	// The next exec of the same cgroup is attributed from the cache even
	// though its process has no procfs entry.
	exec2 := &event.Event{Type: event.Execve, Proc: event.Process{PID: 301, PPID: 200, Comm: "id", ExePath: "/usr/bin/id", CgroupID: 77}}
	en.Enrich(ctx, exec2)
	if exec2.Container.ID != cid[:12] || exec2.K8s.Pod != "web-7c9f" {
		t.Errorf("cached cgroup not used: %+v %+v", exec2.Container, exec2.K8s)
	}

	// Exit removes the process; a later child of it stops its ancestry
	// there.
	en.Enrich(ctx, &event.Event{Type: event.ProcExit, Proc: event.Process{PID: 300, CgroupID: 77}})
	if _, ok := en.procs[300]; ok {
		t.Error("exited process still in the tree")
	}

	// A host process: no container, no pod.
	host := &event.Event{Type: event.Connect, Proc: event.Process{PID: 100, Comm: "containerd-shim"}}
	en.Enrich(ctx, host)
	if !host.Host() || host.K8s.Pod != "" {
		t.Errorf("host process attributed to %+v %+v", host.Container, host.K8s)
	}
	if len(host.Proc.Ancestors) != 1 || host.Proc.Ancestors[0].PID != 1 {
		t.Errorf("host ancestors %+v", host.Proc.Ancestors)
	}
}

// A cycle in the parent links (a reused PID) must not loop.
func TestEnrich_ancestorCycle(t *testing.T) {
	procfs := t.TempDir()
	fakeProc(t, procfs, 10, 11, "/bin/a", nil, "/")
	fakeProc(t, procfs, 11, 10, "/bin/b", nil, "/")
	en := New(Config{ProcFS: procfs, CgroupFS: t.TempDir()})
	e := &event.Event{Type: event.Openat, Proc: event.Process{PID: 10}}
	en.Enrich(context.Background(), e)
	if len(e.Proc.Ancestors) != 1 || e.Proc.Ancestors[0].PID != 11 {
		t.Errorf("ancestors %+v", e.Proc.Ancestors)
	}
}

// The ancestors of a process's events follow its parent: an exec of the
// parent shows in the next event of the child.
func TestEnrich_ancestorsFollowParentExec(t *testing.T) {
	procfs := t.TempDir()
	fakeProc(t, procfs, 1, 0, "/sbin/init", nil, "/")
	fakeProc(t, procfs, 10, 1, "/bin/sh", []string{"sh"}, "/")
	fakeProc(t, procfs, 11, 10, "/usr/bin/sleep", []string{"sleep", "60"}, "/")
	en := New(Config{ProcFS: procfs, CgroupFS: t.TempDir()})
	ctx := context.Background()
	names := func() []string {
		e := &event.Event{Type: event.Openat, Proc: event.Process{PID: 11, PPID: 10}}
		en.Enrich(ctx, e)
		var out []string
		for _, a := range e.Proc.Ancestors {
			out = append(out, a.Name+" "+a.ExePath)
		}
		return out
	}
	want := []string{"sh /bin/sh", "init /sbin/init"}
	for i := range 2 {
		if diff := cmp.Diff(want, names()); diff != "" {
			t.Errorf("event %d: ancestors (-want +got):\n%s", i, diff)
		}
	}
	en.Enrich(ctx, &event.Event{Type: event.Execve, Proc: event.Process{PID: 10, PPID: 1, Comm: "bash", ExePath: "/bin/bash", Args: []string{"-i"}}})
	want = []string{"bash /bin/bash", "init /sbin/init"}
	if diff := cmp.Diff(want, names()); diff != "" {
		t.Errorf("after the parent's exec: ancestors (-want +got):\n%s", diff)
	}
}

func TestLookupUser(t *testing.T) {
	p := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(p, []byte("root:x:0:0:root:/root:/bin/bash\nnginx:x:101:101::/nonexistent:/usr/sbin/nologin\nbroken line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, ok := lookupUser(p, 101); !ok || n != "nginx" {
		t.Errorf("uid 101 = %q, %v", n, ok)
	}
	if _, ok := lookupUser(p, 5); ok {
		t.Error("uid 5 found")
	}
}

func FuzzParseCgroup(f *testing.F) {
	f.Add("/kubepods.slice/kubepods-pod0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0.slice/crio-" + cid + ".scope")
	f.Add("0::/system.slice/docker-" + cid + ".scope\n")
	f.Fuzz(func(t *testing.T, s string) {
		info := ParseCgroup(s)
		if info.ContainerID != "" && len(info.ContainerID) != 64 {
			t.Fatalf("container ID %q", info.ContainerID)
		}
		_ = cgroupV2Path(s)
	})
}

// BenchmarkEnrich enriches the events of an exec storm on the host: a
// shell's child execs, opens a file and exits, over and over.
func BenchmarkEnrich(b *testing.B) {
	procfs := b.TempDir()
	fakeProc(b, procfs, 1, 0, "/usr/lib/systemd/systemd", []string{"/sbin/init"}, "/init.scope")
	fakeProc(b, procfs, 100, 1, "/usr/sbin/sshd", []string{"sshd", "-D"}, "/system.slice/ssh.service")
	fakeProc(b, procfs, 200, 100, "/bin/bash", []string{"-bash"}, "/user.slice/session-1.scope")
	en := New(Config{ProcFS: procfs, CgroupFS: b.TempDir()})
	ctx := context.Background()
	// The shell's cgroup, read from its procfs entry, is then cached.
	en.Enrich(ctx, &event.Event{Type: event.Openat, Proc: event.Process{PID: 200, Comm: "bash", CgroupID: 9}})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		pid := uint32(1000 + i%10000)
		proc := event.Process{PID: pid, PPID: 200, Comm: "true", CgroupID: 9, EUID: 0}
		exec := proc
		exec.ExePath, exec.Name, exec.Exe = "/usr/bin/true", "true", "/bin/true"
		en.Enrich(ctx, &event.Event{Type: event.Execve, Proc: exec, File: &event.File{Path: "/usr/bin/true", FD: -1}})
		en.Enrich(ctx, &event.Event{Type: event.Openat, Proc: proc, File: &event.File{Path: "/etc/ld.so.cache", FD: 3}})
		en.Enrich(ctx, &event.Event{Type: event.ProcExit, Proc: proc})
	}
}
