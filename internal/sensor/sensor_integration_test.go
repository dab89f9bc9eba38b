//go:build integration

package sensor

import (
	"archive/tar"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"

	"github.com/wardsec/ward/internal/event"
)

func isExec(e *event.Event) bool { return e.Type == event.Execve || e.Type == event.Execveat }

func isOpen(e *event.Event) bool {
	return e.Type == event.Open || e.Type == event.Openat || e.Type == event.Openat2
}

func isRename(e *event.Event) bool {
	return e.Type == event.Rename || e.Type == event.Renameat || e.Type == event.Renameat2
}

// procView is the part of an exec event's process the tests compare.
type procView struct {
	PID, PPID     uint32
	Comm, Name    string
	Exe, ExePath  string
	Args          []string
	Cwd           string
	UID, EUID     uint32
	ExeFromMemfd  bool
	VPIDIsHostPID bool
}

func viewOf(e *event.Event) procView {
	p := e.Proc
	return procView{PID: p.PID, PPID: p.PPID, Comm: p.Comm, Name: p.Name, Exe: p.Exe, ExePath: p.ExePath,
		Args: p.Args, Cwd: p.Cwd, UID: p.UID, EUID: p.EUID, ExeFromMemfd: p.ExeFromMemfd, VPIDIsHostPID: p.VPID == p.PID}
}

// tempDir is t.TempDir with symlinks resolved, as the kernel reports it.
func tempDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func devNull(t *testing.T) *os.File {
	t.Helper()
	f, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestSensor(t *testing.T) {
	requireKernel(t)
	base := tempDir(t)
	watched := filepath.Join(base, "watched")
	// unwatched shares watched's name as a prefix: the filter must match
	// whole path components.
	unwatched := watched + "x"
	for _, d := range []string{watched, unwatched} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Every type by name: types whose tracepoints this kernel lacks then
	// use their fallback hooks (module loading here).
	s, rec := startSensor(t, Config{Events: Types(), WatchPrefixes: []string{"/etc", watched}})
	self := uint32(os.Getpid())
	shPath, catPath, truePath := realPath(t, "sh"), realPath(t, "cat"), realPath(t, "true")
	hostCgroup := cgroupID(t, os.Getpid())

	t.Run("exec_and_open_of_shadow", func(t *testing.T) {
		cwd := tempDir(t)
		cmd := exec.Command("sh", "-c", "cat /etc/shadow")
		cmd.Dir = cwd
		cmd.Stdin, cmd.Stdout = devNull(t), io.Discard
		mustRun(t, cmd)
		shPID := uint32(cmd.Process.Pid)

		sh := rec.wait(t, "exec of sh", func(e *event.Event) bool { return isExec(e) && e.Proc.PID == shPID })
		want := procView{PID: shPID, PPID: self, Comm: "sh", Name: filepath.Base(shPath), Exe: "sh", ExePath: shPath,
			Args: []string{"-c", "cat /etc/shadow"}, Cwd: cwd, VPIDIsHostPID: true}
		if diff := cmp.Diff(want, viewOf(sh)); diff != "" {
			t.Errorf("exec of sh (-want +got):\n%s", diff)
		}
		if sh.Type != event.Execve || sh.Res != 0 || sh.Proc.CgroupID != hostCgroup || sh.Proc.StdinType != "char" {
			t.Errorf("exec of sh: type %s res %d cgroup %d (want %d) stdin %q", sh.Type, sh.Res, sh.Proc.CgroupID, hostCgroup, sh.Proc.StdinType)
		}
		if since := time.Since(sh.Proc.StartTime); since < 0 || since > time.Minute || sh.Time.Before(sh.Proc.StartTime) {
			t.Errorf("start time %v, event time %v: not just before now", sh.Proc.StartTime, sh.Time)
		}

		cat := rec.wait(t, "exec of cat", func(e *event.Event) bool {
			return isExec(e) && e.Proc.ExePath == catPath && (e.Proc.PPID == shPID || e.Proc.PID == shPID)
		})
		want = procView{PID: cat.Proc.PID, PPID: shPID, Comm: "cat", Name: "cat", Exe: "cat", ExePath: catPath,
			Args: []string{"/etc/shadow"}, Cwd: cwd, VPIDIsHostPID: true}
		if cat.Proc.PID == shPID { // the shell exec'd cat in place of forking
			want.PPID = self
		}
		if diff := cmp.Diff(want, viewOf(cat)); diff != "" {
			t.Errorf("exec of cat (-want +got):\n%s", diff)
		}

		open := rec.wait(t, "open of /etc/shadow", func(e *event.Event) bool {
			return isOpen(e) && e.Proc.PID == cat.Proc.PID && e.File.Path == "/etc/shadow"
		})
		if open.File.Flags&unix.O_ACCMODE != unix.O_RDONLY || open.Res < 0 || int64(open.File.FD) != open.Res {
			t.Errorf("open of /etc/shadow: flags %#o res %d fd %d, want read-only and the new fd", open.File.Flags, open.Res, open.File.FD)
		}
		if open.Proc.Comm != "cat" || open.Proc.Name != "cat" || open.Proc.CgroupID != hostCgroup {
			t.Errorf("open's process: %+v", open.Proc)
		}
		exit := rec.wait(t, "exit of cat", func(e *event.Event) bool {
			return e.Type == event.ProcExit && e.Proc.PID == cat.Proc.PID
		})
		if exit.Arg.ExitCode != 0 {
			t.Errorf("cat exit status %d, want 0", exit.Arg.ExitCode)
		}
	})

	for _, tc := range []struct {
		name, network, addr string
		family              uint8
	}{
		{name: "tcp_ipv4", network: "tcp4", addr: "127.0.0.1:0", family: 4},
		{name: "tcp_ipv6", network: "tcp6", addr: "[::1]:0", family: 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := helper(t, "tcp", tc.network, tc.addr)
			var res tcpResult
			if err := json.Unmarshal([]byte(mustRun(t, cmd)), &res); err != nil {
				t.Fatal(err)
			}
			server, client := netip.MustParseAddrPort(res.Server), netip.MustParseAddrPort(res.Client)
			pid := uint32(cmd.Process.Pid)

			listen := rec.wait(t, "listen", func(e *event.Event) bool { return e.Type == event.Listen && e.Proc.PID == pid })
			want := event.Net{Proto: "tcp", Family: tc.family, Server: server, FD: listen.Net.FD, Backlog: listen.Net.Backlog}
			if diff := cmp.Diff(want, *listen.Net, cmpAddr); diff != "" || listen.Res != 0 || listen.Net.Backlog <= 0 {
				t.Errorf("listen res %d (-want +got):\n%s", listen.Res, diff)
			}

			connect := rec.wait(t, "connect", func(e *event.Event) bool { return e.Type == event.Connect && e.Proc.PID == pid })
			want = event.Net{Proto: "tcp", Family: tc.family, Client: client, Server: server, FD: connect.Net.FD}
			if diff := cmp.Diff(want, *connect.Net, cmpAddr); diff != "" {
				t.Errorf("connect (-want +got):\n%s", diff)
			}
			if connect.Res != 0 && connect.Res != -int64(unix.EINPROGRESS) {
				t.Errorf("connect res %d, want 0 or -EINPROGRESS", connect.Res)
			}

			accept := rec.wait(t, "accept", func(e *event.Event) bool {
				return (e.Type == event.Accept || e.Type == event.Accept4) && e.Proc.PID == pid && e.Res >= 0
			})
			want = event.Net{Proto: "tcp", Family: tc.family, Client: client, Server: server, FD: int32(accept.Res)}
			if diff := cmp.Diff(want, *accept.Net, cmpAddr); diff != "" {
				t.Errorf("accept (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("file_ops_only_under_watched_prefix", func(t *testing.T) {
		// A file in the unwatched directory, a symlink to it, and a
		// symlink from the unwatched directory into the watched one.
		if err := os.WriteFile(filepath.Join(watched, "secret"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(watched, "secret"), filepath.Join(unwatched, "link")); err != nil {
			t.Fatal(err)
		}
		script := "echo data > f && mv f g && chmod 600 g && rm g"
		for _, dir := range []string{unwatched, watched} {
			cmd := exec.Command("sh", "-c", script)
			cmd.Dir = dir
			mustRun(t, cmd)
		}
		cat := exec.Command("cat", "link")
		cat.Dir = unwatched
		mustRun(t, cat)

		f, g := filepath.Join(watched, "f"), filepath.Join(watched, "g")
		create := rec.wait(t, "create", func(e *event.Event) bool { return isOpen(e) && e.File.Path == f })
		if want := uint32(unix.O_WRONLY | unix.O_CREAT | unix.O_TRUNC); create.File.Flags&want != want || create.File.Mode != 0o666 || create.Res < 0 {
			t.Errorf("create: flags %#o mode %#o res %d", create.File.Flags, create.File.Mode, create.Res)
		}
		rename := rec.wait(t, "rename", func(e *event.Event) bool { return isRename(e) && e.File.Path == f })
		if rename.File.NewPath != g || rename.Res != 0 {
			t.Errorf("rename: %+v res %d, want new path %s", rename.File, rename.Res, g)
		}
		chmod := rec.wait(t, "chmod", func(e *event.Event) bool {
			return (e.Type == event.Fchmodat || e.Type == event.Chmod) && e.File.Path == g
		})
		if chmod.File.Mode != 0o600 || chmod.Res != 0 {
			t.Errorf("chmod: mode %#o res %d", chmod.File.Mode, chmod.Res)
		}
		unlink := rec.wait(t, "unlink", func(e *event.Event) bool {
			return (e.Type == event.Unlinkat || e.Type == event.Unlink) && e.File.Path == g
		})
		if unlink.Res != 0 {
			t.Errorf("unlink res %d", unlink.Res)
		}
		// A successful open is reported with the file the kernel opened.
		viaLink := rec.wait(t, "open through a symlink", func(e *event.Event) bool {
			return isOpen(e) && e.Proc.PID == uint32(cat.Process.Pid) && e.File.Path == filepath.Join(watched, "secret")
		})
		if viaLink.Res < 0 {
			t.Errorf("open through symlink res %d", viaLink.Res)
		}

		dirfd := helper(t, "dirfd", watched)
		mustRun(t, dirfd)
		viafd := filepath.Join(watched, "viafd")
		rec.wait(t, "openat relative to a directory fd", func(e *event.Event) bool {
			return e.Type == event.Openat && e.Proc.PID == uint32(dirfd.Process.Pid) && e.File.Path == viafd && e.Res >= 0
		})
		rec.wait(t, "unlinkat relative to a directory fd", func(e *event.Event) bool {
			return e.Type == event.Unlinkat && e.Proc.PID == uint32(dirfd.Process.Pid) && e.File.Path == viafd && e.Res == 0
		})

		leaked := rec.find(func(e *event.Event) bool {
			return e.File != nil && (strings.HasPrefix(e.File.Path, unwatched) || strings.HasPrefix(e.File.NewPath, unwatched))
		})
		for _, e := range leaked {
			t.Errorf("event for an unwatched path: %s %+v", e.Type, e.File)
		}
	})

	t.Run("setgid_and_setuid", func(t *testing.T) {
		cmd := helper(t, "setid")
		mustRun(t, cmd)
		pid := uint32(cmd.Process.Pid)
		type idView struct {
			Res      int64
			UID, GID uint32
			ProcUID  uint32
			ProcGID  uint32
			ProcEUID uint32
			ProcEGID uint32
		}
		get := func(typ event.Type) idView {
			e := rec.wait(t, string(typ), func(e *event.Event) bool { return e.Type == typ && e.Proc.PID == pid })
			return idView{Res: e.Res, UID: e.Arg.UID, GID: e.Arg.GID, ProcUID: e.Proc.UID, ProcGID: e.Proc.GID,
				ProcEUID: e.Proc.EUID, ProcEGID: e.Proc.EGID}
		}
		got := map[event.Type]idView{}
		for _, typ := range []event.Type{event.Setresgid, event.Setgid, event.Setresuid, event.Setuid} {
			got[typ] = get(typ)
		}
		// Credentials are read on syscall exit: they show the change.
		want := map[event.Type]idView{
			event.Setresgid: {GID: 65534, ProcGID: 65534, ProcEGID: 65534},
			event.Setgid:    {GID: 65534, ProcGID: 65534, ProcEGID: 65534},
			event.Setresuid: {UID: 0, ProcGID: 65534, ProcEGID: 65534},
			event.Setuid:    {UID: 65534, ProcUID: 65534, ProcEUID: 65534, ProcGID: 65534, ProcEGID: 65534},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("id changes (-want +got):\n%s", diff)
		}
	})

	t.Run("ptrace_by_strace", func(t *testing.T) {
		cmd := exec.Command("strace", "-f", "-o", "/dev/null", "true")
		mustRun(t, cmd)
		stracePID := uint32(cmd.Process.Pid)
		tracee := rec.wait(t, "exec of the traced true", func(e *event.Event) bool {
			return isExec(e) && e.Proc.PPID == stracePID && e.Proc.ExePath == truePath
		})
		p := rec.wait(t, "ptrace attach", func(e *event.Event) bool {
			return e.Type == event.Ptrace && e.Proc.PID == stracePID && e.Arg.PtracePID == tracee.Proc.PID
		})
		if p.Arg.PtraceRequest != unix.PTRACE_SEIZE && p.Arg.PtraceRequest != unix.PTRACE_ATTACH || p.Res != 0 {
			t.Errorf("ptrace request %#x res %d, want PTRACE_SEIZE or PTRACE_ATTACH succeeding", p.Arg.PtraceRequest, p.Res)
		}
		if p.Proc.Comm != "strace" {
			t.Errorf("ptrace by %q, want strace", p.Proc.Comm)
		}
	})

	t.Run("module_loading_attempts", func(t *testing.T) {
		file := filepath.Join(tempDir(t), "not-a-module.ko")
		if err := os.WriteFile(file, []byte("garbage, not an ELF module"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := helper(t, "modules", file)
		mustRun(t, cmd)
		pid := uint32(cmd.Process.Pid)
		fin := rec.wait(t, "finit_module", func(e *event.Event) bool { return e.Type == event.FinitModule && e.Proc.PID == pid })
		if fin.Res >= 0 || fin.File == nil || fin.File.Path != file || fin.Arg.Name != "not_a_module" {
			t.Errorf("finit_module: res %d file %+v name %q", fin.Res, fin.File, fin.Arg.Name)
		}
		ini := rec.wait(t, "init_module", func(e *event.Event) bool { return e.Type == event.InitModule && e.Proc.PID == pid })
		if ini.Res >= 0 {
			t.Errorf("init_module res %d, want an error", ini.Res)
		}
	})

	t.Run("fileless_exec_from_memfd", func(t *testing.T) {
		cmd := helper(t, "memfd")
		mustRun(t, cmd)
		pid := uint32(cmd.Process.Pid)
		m := rec.wait(t, "memfd_create", func(e *event.Event) bool { return e.Type == event.MemfdCreate && e.Proc.PID == pid })
		if m.Arg.Name != "ward-test" || m.Res < 0 || m.File == nil || int64(m.File.FD) != m.Res {
			t.Errorf("memfd_create: name %q res %d file %+v", m.Arg.Name, m.Res, m.File)
		}
		x := rec.wait(t, "execveat of the memfd", func(e *event.Event) bool { return e.Type == event.Execveat && e.Proc.PID == pid })
		want := procView{PID: pid, PPID: self, Comm: x.Proc.Comm, Name: "memfd:ward-test", Exe: "fileless", ExePath: "/memfd:ward-test",
			Args: []string{"--from-memfd"}, Cwd: x.Proc.Cwd, ExeFromMemfd: true, VPIDIsHostPID: true}
		if diff := cmp.Diff(want, viewOf(x)); diff != "" {
			t.Errorf("fileless exec (-want +got):\n%s", diff)
		}
		if ordinary := rec.find(func(e *event.Event) bool {
			return isExec(e) && e.Proc.PPID == self && e.Proc.ExeFromMemfd && e.Proc.PID != pid
		}); len(ordinary) > 0 {
			t.Errorf("%d ordinary execs marked as from memfd, e.g. %s", len(ordinary), ordinary[0].Proc.ExePath)
		}
	})

	t.Run("mount_tmpfs", func(t *testing.T) {
		dir := filepath.Join(tempDir(t), "mnt")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := helper(t, "mount", dir)
		mustRun(t, cmd)
		m := rec.wait(t, "mount", func(e *event.Event) bool { return e.Type == event.Mount && e.Proc.PID == uint32(cmd.Process.Pid) })
		got := m.Arg
		want := event.Args{MountSource: "ward-tmpfs", MountTarget: dir, MountFSType: "tmpfs", MountFlags: unix.MS_NOSUID | unix.MS_NODEV}
		if diff := cmp.Diff(want, got); diff != "" || m.Res != 0 {
			t.Errorf("mount res %d (-want +got):\n%s", m.Res, diff)
		}
	})

	t.Run("shell_with_socket_stdin", func(t *testing.T) {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		go func() {
			if c, err := ln.Accept(); err == nil {
				defer c.Close()
				io.Copy(io.Discard, c)
			}
		}()
		conn, err := net.Dial("tcp4", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		f, err := conn.(*net.TCPConn).File()
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd := exec.Command("sh", "-c", "exit 0")
		cmd.Stdin, cmd.Stdout = f, devNull(t)
		mustRun(t, cmd)
		e := rec.wait(t, "exec of the shell", func(e *event.Event) bool { return isExec(e) && e.Proc.PID == uint32(cmd.Process.Pid) })
		if e.Proc.StdinType != "ipv4" || e.Proc.StdoutType != "char" {
			t.Errorf("stdin %q stdout %q, want ipv4 and char", e.Proc.StdinType, e.Proc.StdoutType)
		}
	})

	st := s.Stats()
	if st.DecodeErrors != 0 || len(st.Unavailable) != 0 {
		t.Errorf("decode errors %d, unavailable types %v", st.DecodeErrors, st.Unavailable)
	}
	for _, typ := range []event.Type{event.Execve, event.Execveat, event.ProcExit, event.Openat, event.Connect, event.Listen,
		event.Setuid, event.Ptrace, event.FinitModule, event.InitModule, event.MemfdCreate, event.Mount} {
		if st.Received[typ] == 0 {
			t.Errorf("Stats().Received[%s] = 0 after such events were delivered", typ)
		}
	}
}

// TestNewUnprivileged: without root or CAP_BPF, New says what is missing.
func TestNewUnprivileged(t *testing.T) {
	requireKernel(t)
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Fatalf("setpriv (util-linux) is needed to drop privileges: %v", err)
	}
	// A copy of the test binary that an unprivileged user may execute.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "ward-sensor-unpriv")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, "sensor.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", bin)
	cmd.Env = append(os.Environ(), helperEnv+"=new")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	if got, want := strings.TrimSpace(mustRun(t, cmd)), "root or CAP_BPF+CAP_PERFMON"; got != want {
		t.Errorf("missing requirement %q, want %q", got, want)
	}
}

// TestEventSelection: only the asked-for types reach the callback.
func TestEventSelection(t *testing.T) {
	_, rec := startSensor(t, Config{Events: []event.Type{event.ProcExit}})
	cmd := exec.Command("sh", "-c", "exit 3")
	if err := cmd.Run(); err == nil {
		t.Fatal("sh -c 'exit 3' succeeded")
	}
	e := rec.wait(t, "exit", func(e *event.Event) bool { return e.Type == event.ProcExit && e.Proc.PID == uint32(cmd.Process.Pid) })
	if e.Arg.ExitCode != 3<<8 {
		t.Errorf("exit status %#x, want %#x", e.Arg.ExitCode, 3<<8)
	}
	if other := rec.find(func(e *event.Event) bool { return e.Type != event.ProcExit }); len(other) > 0 {
		t.Errorf("%d events of types not asked for, e.g. %s", len(other), other[0].Type)
	}
}

// TestIgnorePIDs: the kernel drops the events of ignored processes.
func TestIgnorePIDs(t *testing.T) {
	requireKernel(t)
	dir := tempDir(t)
	file := filepath.Join(dir, "watched.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	ignored := helper(t, "wait-open", file)
	stdin, err := ignored.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := ignored.Start(); err != nil {
		t.Fatal(err)
	}
	_, rec := startSensor(t, Config{Events: []event.Type{event.Open, event.Openat, event.Openat2}, WatchPrefixes: []string{dir},
		IgnorePIDs: []uint32{uint32(ignored.Process.Pid)}})
	fmt.Fprintln(stdin)
	if err := ignored.Wait(); err != nil {
		t.Fatal(err)
	}
	control := exec.Command("cat", file)
	mustRun(t, control)
	rec.wait(t, "open by the control process", func(e *event.Event) bool {
		return isOpen(e) && e.Proc.PID == uint32(control.Process.Pid) && e.File.Path == file
	})
	if got := rec.find(func(e *event.Event) bool { return e.Proc.PID == uint32(ignored.Process.Pid) }); len(got) > 0 {
		t.Errorf("%d events from the ignored process, e.g. %s %+v", len(got), got[0].Type, got[0].File)
	}
}

// TestDeliveryLatency: the kernel wakes the reader only when much data is
// pending, so a lone event is delivered by the reader's poll; it must
// still arrive promptly (pollInterval, 50 ms, plus scheduling), not wait
// for the ring to fill.
func TestDeliveryLatency(t *testing.T) {
	requireKernel(t)
	s, err := New(Config{Events: []event.Type{event.ProcExit}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	defer s.Close()
	arrived := make(chan time.Time, 1)
	var pid atomic.Uint32
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- s.Run(ctx, func(e *event.Event) {
			if p := pid.Load(); p != 0 && e.Proc.PID == p {
				arrived <- time.Now()
			}
		})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	const bound = time.Second
	for i := range 5 {
		cmd := exec.Command(realPath(t, "sleep"), "0.2")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pid.Store(uint32(cmd.Process.Pid))
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
		exited := time.Now()
		select {
		case at := <-arrived:
			if lat := at.Sub(exited); lat > bound {
				t.Errorf("exit %d delivered %v after the process exited, want under %v", i, lat, bound)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("exit %d not delivered within 10s", i)
		}
	}
}

// TestReadOnlyExclusions: read-only opens of an excluded path are not
// reported, while writing it and reading its neighbours are; by default
// the excluded path is the dynamic loader's cache, which cat opens before
// its arguments.
func TestReadOnlyExclusions(t *testing.T) {
	const ldCache = "/etc/ld.so.cache"
	if _, err := os.Stat(ldCache); err != nil {
		t.Fatalf("%s is missing: run ldconfig", ldCache)
	}
	for _, tc := range []struct {
		name       string
		exclusions func(dir string) []string
		// which read-only opens are reported
		wantLdCache, wantExcluded bool
	}{
		{name: "default", exclusions: func(string) []string { return nil }, wantLdCache: false, wantExcluded: true},
		{name: "own_list", exclusions: func(dir string) []string { return []string{filepath.Join(dir, "excluded")} }, wantLdCache: true, wantExcluded: false},
		{name: "empty_list", exclusions: func(string) []string { return []string{} }, wantLdCache: true, wantExcluded: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tempDir(t)
			excluded, other := filepath.Join(dir, "excluded"), filepath.Join(dir, "other")
			for _, f := range []string{excluded, other} {
				if err := os.WriteFile(f, []byte("x\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, rec := startSensor(t, Config{Events: []event.Type{event.Open, event.Openat, event.Openat2},
				WatchPrefixes: []string{"/etc", dir}, ReadOnlyExclusions: tc.exclusions(dir)})
			read := exec.Command("cat", excluded, other)
			read.Stdout = io.Discard
			mustRun(t, read)
			write := exec.Command("sh", "-c", "echo more >> excluded")
			write.Dir = dir
			mustRun(t, write)

			opened := func(pid int, path string) func(*event.Event) bool {
				return func(e *event.Event) bool { return isOpen(e) && e.Proc.PID == uint32(pid) && e.File.Path == path }
			}
			// Events arrive in order: once these are in, cat's earlier
			// opens are too.
			rec.wait(t, "read of the neighbour", opened(read.Process.Pid, other))
			w := rec.wait(t, "write of the excluded path", opened(write.Process.Pid, excluded))
			if want := uint32(unix.O_WRONLY | unix.O_APPEND); w.File.Flags&want != want {
				t.Errorf("write open flags %#o, want O_WRONLY|O_APPEND", w.File.Flags)
			}
			got := map[string]bool{
				"ld.so.cache": len(rec.find(opened(read.Process.Pid, ldCache))) > 0,
				"excluded":    len(rec.find(opened(read.Process.Pid, excluded))) > 0,
			}
			want := map[string]bool{"ld.so.cache": tc.wantLdCache, "excluded": tc.wantExcluded}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("read-only opens reported (-want +got):\n%s", diff)
			}
		})
	}
}

// TestContainerCgroup runs a process in a Docker container and checks that
// its exec event carries the container's cgroup, which names the container.
func TestContainerCgroup(t *testing.T) {
	requireKernel(t)
	if err := exec.Command("docker", "info").Run(); err != nil {
		t.Fatalf("docker info: %v: install and start the Docker engine (apt-get install docker.io; service docker start)", err)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the Go toolchain is needed to build the container's binary: %v", err)
	}
	_, rec := startSensor(t, Config{Events: []event.Type{event.Execve}})

	// A static binary, alone in an image imported from a tarball.
	src := t.TempDir()
	files := map[string]string{
		"go.mod":  "module wardapp\n\ngo 1.22\n",
		"main.go": "package main\n\nimport (\n\t\"os\"\n\t\"time\"\n)\n\nfunc main() {\n\tif len(os.Args) > 1 && os.Args[1] == \"sleep\" {\n\t\ttime.Sleep(30 * time.Second)\n\t}\n}\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := exec.Command(goBin, "build", "-o", "app", ".")
	build.Dir = src
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	mustRun(t, build)
	tarPath := filepath.Join(src, "image.tar")
	writeImageTar(t, tarPath, filepath.Join(src, "app"))
	tag := fmt.Sprintf("ward-sensor-test:%d", time.Now().UnixNano())
	mustRun(t, exec.Command("docker", "import", tarPath, tag))
	t.Cleanup(func() { exec.Command("docker", "rmi", "-f", tag).Run() })

	nonce := fmt.Sprint(time.Now().UnixNano())
	id := strings.TrimSpace(mustRun(t, exec.Command("docker", "run", "-d", "--rm", "--network", "none", tag, "/app", "sleep", nonce)))
	t.Cleanup(func() { exec.Command("docker", "rm", "-f", id).Run() })

	e := rec.wait(t, "exec in the container", func(e *event.Event) bool {
		return isExec(e) && e.Proc.ExePath == "/app" && len(e.Proc.Args) == 2 && e.Proc.Args[1] == nonce
	})
	if e.Proc.VPID != 1 || e.Proc.PID == 1 {
		t.Errorf("container init: pid %d vpid %d, want a host pid and vpid 1", e.Proc.PID, e.Proc.VPID)
	}
	if host := cgroupID(t, os.Getpid()); e.Proc.CgroupID == host {
		t.Errorf("container process has the host's cgroup ID %d", host)
	}
	if want := cgroupID(t, int(e.Proc.PID)); e.Proc.CgroupID != want {
		t.Errorf("cgroup ID %d, want %d (the inode of the process's cgroup v2 directory)", e.Proc.CgroupID, want)
	}
	cg, err := os.ReadFile(fmt.Sprintf("/proc/%d/cgroup", e.Proc.PID))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cg), id) {
		t.Errorf("/proc/%d/cgroup does not name container %s:\n%s", e.Proc.PID, id, cg)
	}
}

func writeImageTar(t *testing.T, tarPath, binary string) {
	t.Helper()
	bin, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(tarPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	if err := tw.WriteHeader(&tar.Header{Name: "app", Mode: 0o755, Size: int64(len(bin)), Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write(bin); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
}

// execStorm runs n copies of true, two at a time, and returns how many
// exec events of them arrived.
func execStorm(t testing.TB, rec *recorder, n int) (received int, elapsed time.Duration) {
	truePath := realPath(t, "true")
	self := uint32(os.Getpid())
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 2 {
				if err := exec.Command(truePath).Run(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed = time.Since(start)
	close(errs)
	for err := range errs {
		t.Fatalf("exec %s: %v", truePath, err)
	}
	match := func(e *event.Event) bool {
		return e.Type == event.Execve && e.Proc.PPID == self && e.Proc.ExePath == truePath
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		received = len(rec.find(match))
		if received >= n || time.Now().After(deadline) {
			return received, elapsed
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestExecStorm: every one of 5,000 short execs is received, none dropped,
// with the default ring buffer.
func TestExecStorm(t *testing.T) {
	const n = 5000
	s, rec := startSensor(t, Config{Events: []event.Type{event.Execve}})
	received, elapsed := execStorm(t, rec, n)
	st := s.Stats()
	t.Logf("%d execs in %v (%.0f/s): %d exec events received, %d dropped (%d bytes lost)",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), received, st.Dropped[event.Execve], st.DroppedBytes)
	if received != n {
		t.Errorf("received %d exec events of %d execs", received, n)
	}
	if st.Dropped[event.Execve] != 0 || st.DroppedBytes != 0 {
		t.Errorf("dropped %d exec records (%d bytes) with the default ring buffer", st.Dropped[event.Execve], st.DroppedBytes)
	}
}

// TestDropsCounted proves the drop counters work (so TestExecStorm's zero
// means something): a one-page ring buffer and a slow reader lose events,
// and Stats counts every one as received or dropped.
func TestDropsCounted(t *testing.T) {
	requireKernel(t)
	s, err := New(Config{Events: []event.Type{event.Execve}, RingBufferBytes: 4096})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	defer s.Close()
	truePath := realPath(t, "true")
	const n = 200
	for range n {
		if err := exec.Command(truePath).Run(); err != nil {
			t.Fatal(err)
		}
	}
	// Nobody has read yet: the page holds a few records, the rest dropped.
	var mu sync.Mutex
	mine := 0
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- s.Run(ctx, func(e *event.Event) {
			if e.Proc.PPID == uint32(os.Getpid()) && e.Proc.ExePath == truePath {
				mu.Lock()
				mine++
				mu.Unlock()
			}
		})
	}()
	time.Sleep(500 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	st := s.Stats()
	t.Logf("received %d of our %d execs; stats: received %d, dropped %d (%d bytes)", mine, n, st.Received[event.Execve], st.Dropped[event.Execve], st.DroppedBytes)
	if st.Dropped[event.Execve] == 0 || st.DroppedBytes == 0 {
		t.Errorf("no drops counted with a one-page ring buffer and %d unread execs", n)
	}
	if mine >= n {
		t.Errorf("all %d execs received through a one-page ring buffer", n)
	}
	if got := st.Received[event.Execve] + st.Dropped[event.Execve]; got < n {
		t.Errorf("received %d + dropped %d < %d execs", st.Received[event.Execve], st.Dropped[event.Execve], n)
	}
}

func BenchmarkExecStorm(b *testing.B) {
	s, rec := startSensor(b, Config{Events: []event.Type{event.Execve}})
	b.ResetTimer()
	received, _ := execStorm(b, rec, b.N)
	b.StopTimer()
	st := s.Stats()
	b.ReportMetric(float64(received)/float64(b.N), "received/exec")
	b.ReportMetric(float64(st.Dropped[event.Execve]), "drops")
}
