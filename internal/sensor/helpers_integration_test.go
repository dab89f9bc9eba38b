//go:build integration

package sensor

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/wardsec/ward/internal/event"
)

var update = flag.Bool("update", false, "write one kernel record per event type to testdata/records")

// helperEnv makes the test binary run a helper instead of the tests: the
// sensor ignores its own process, so operations under test must come from
// another one.
const helperEnv = "WARD_SENSOR_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		if err := runHelper(mode, os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// helper starts the test binary as a helper process; its stdout is
// returned by output.
func helper(t *testing.T, mode string, args ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), helperEnv+"="+mode)
	cmd.Stderr = os.Stderr
	return cmd
}

func runHelper(mode string, args []string) error {
	switch mode {
	case "tcp":
		return helperTCP(args[0], args[1])
	case "dirfd":
		return helperDirfd(args[0])
	case "setid":
		return helperSetID()
	case "modules":
		return helperModules(args[0])
	case "memfd":
		return helperMemfd()
	case "mount":
		return helperMount(args[0])
	case "wait-open":
		return helperWaitOpen(args[0])
	case "new":
		return helperNew()
	}
	return fmt.Errorf("unknown helper mode %q", mode)
}

type tcpResult struct {
	Server string
	Client string
}

// helperTCP listens on addr, connects to itself and accepts, then prints
// both endpoints as JSON.
func helperTCP(network, addr string) error {
	ln, err := net.Listen(network, addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	accepted := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Close()
		}
		accepted <- err
	}()
	c, err := net.Dial(network, ln.Addr().String())
	if err != nil {
		return err
	}
	defer c.Close()
	if err := <-accepted; err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(tcpResult{Server: ln.Addr().String(), Client: c.LocalAddr().String()})
}

// helperDirfd creates and removes a file relative to a directory fd.
func helperDirfd(dir string) error {
	dfd, err := unix.Open(dir, unix.O_DIRECTORY|unix.O_RDONLY, 0)
	if err != nil {
		return err
	}
	if err := unix.Mkdirat(dfd, "sub", 0o755); err != nil {
		return err
	}
	fd, err := unix.Openat(dfd, "sub/../viafd", unix.O_CREAT|unix.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	unix.Close(fd)
	return unix.Unlinkat(dfd, "./viafd", 0)
}

// helperSetID changes group and user IDs with raw syscalls on one thread.
func helperSetID() error {
	runtime.LockOSThread()
	calls := []struct {
		name string
		nr   uintptr
		args [3]uintptr
	}{
		{"setresgid", unix.SYS_SETRESGID, [3]uintptr{65534, 65534, 65534}},
		{"setgid", unix.SYS_SETGID, [3]uintptr{65534}},
		{"setresuid", unix.SYS_SETRESUID, [3]uintptr{0, 0, 0}},
		{"setuid", unix.SYS_SETUID, [3]uintptr{65534}},
	}
	for _, c := range calls {
		if _, _, errno := unix.RawSyscall(c.nr, c.args[0], c.args[1], c.args[2]); errno != 0 {
			return fmt.Errorf("%s: %v", c.name, errno)
		}
	}
	return nil
}

// helperModules tries to load file as a kernel module both ways; both
// attempts fail (the file is not a module), which is what is observed.
func helperModules(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.FinitModule(int(f.Fd()), "", 0); err == nil {
		return errors.New("finit_module of a non-module succeeded")
	}
	if err := unix.InitModule([]byte("not an ELF module"), ""); err == nil {
		return errors.New("init_module of a non-module succeeded")
	}
	return nil
}

// helperMemfd copies /bin/true into a memfd and executes it with
// execveat(fd, "", AT_EMPTY_PATH): fileless execution.
func helperMemfd() error {
	fd, err := unix.MemfdCreate("ward-test", 0)
	if err != nil {
		return err
	}
	src, err := os.ReadFile("/bin/true")
	if err != nil {
		return err
	}
	if _, err := unix.Write(fd, src); err != nil {
		return err
	}
	argv, err := syscall.SlicePtrFromStrings([]string{"fileless", "--from-memfd"})
	if err != nil {
		return err
	}
	envv, err := syscall.SlicePtrFromStrings([]string{"PATH=/usr/bin:/bin"})
	if err != nil {
		return err
	}
	empty, err := unix.BytePtrFromString("")
	if err != nil {
		return err
	}
	_, _, errno := unix.Syscall6(unix.SYS_EXECVEAT, uintptr(fd), uintptr(unsafe.Pointer(empty)),
		uintptr(unsafe.Pointer(&argv[0])), uintptr(unsafe.Pointer(&envv[0])), unix.AT_EMPTY_PATH, 0)
	return fmt.Errorf("execveat: %v", errno)
}

// helperMount mounts a tmpfs on dir, given relative to its parent (the
// helper's working directory), and unmounts it.
func helperMount(dir string) error {
	if err := os.Chdir(filepath.Dir(dir)); err != nil {
		return err
	}
	target := filepath.Base(dir)
	if err := unix.Mount("ward-tmpfs", target, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "size=1m"); err != nil {
		return err
	}
	return unix.Unmount(target, 0)
}

// helperWaitOpen opens path after a line arrives on stdin.
func helperWaitOpen(path string) error {
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return f.Close()
}

// helperNew tries New and prints what kind of error it returned.
func helperNew() error {
	s, err := New(Config{Events: []event.Type{event.Execve}})
	if err == nil {
		s.Close()
		return errors.New("New succeeded")
	}
	var re *RequirementError
	if !errors.As(err, &re) {
		return fmt.Errorf("error %v (%T), want *RequirementError", err, err)
	}
	_, err = fmt.Println(re.Requirement)
	return err
}

// requireKernel fails the test, naming the fix, when the sensor cannot
// run here.
func requireKernel(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Fatal("the sensor integration tests load BPF programs: run them as root (sudo go test -tags integration ./internal/sensor)")
	}
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); err != nil {
		t.Fatalf("kernel BTF is missing (%v): run on a kernel built with CONFIG_DEBUG_INFO_BTF=y", err)
	}
}

// recorder collects the sensor's events for the test to search.
type recorder struct {
	mu     sync.Mutex
	events []*event.Event
}

func (r *recorder) add(e *event.Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *recorder) find(pred func(*event.Event) bool) []*event.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*event.Event
	for _, e := range r.events {
		if pred(e) {
			out = append(out, e)
		}
	}
	return out
}

// wait returns the first event matching pred, failing after a timeout.
func (r *recorder) wait(t testing.TB, what string, pred func(*event.Event) bool) *event.Event {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got := r.find(pred); len(got) > 0 {
			return got[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s event within 10s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startSensor creates a sensor and runs it until the test ends.
func startSensor(t testing.TB, cfg Config) (*Sensor, *recorder) {
	t.Helper()
	requireKernel(t)
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	rec := &recorder{}
	if *update {
		captureRecords(t, s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, rec.add) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, rec
}

// captureRecords saves the first record of each event type (from a
// process the tests started or a path in their temporary directories, so
// no other user's data lands in the repository) as
// testdata/records/<type>.bin.
func captureRecords(t testing.TB, s *Sensor) {
	dir := filepath.Join("testdata", "records")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	self := uint32(os.Getpid())
	var mu sync.Mutex
	saved := map[event.Type]bool{}
	s.onRecord = func(raw []byte) {
		ev, err := decode(raw, time.Time{})
		if err != nil {
			return
		}
		ours := ev.Proc.PPID == self || descendant(ev.Proc.PID, self) ||
			ev.File != nil && strings.HasPrefix(ev.File.Path, os.TempDir()+"/TestSensor")
		if !ours {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if saved[ev.Type] {
			return
		}
		saved[ev.Type] = true
		if err := os.WriteFile(filepath.Join(dir, string(ev.Type)+".bin"), raw, 0o644); err != nil {
			t.Errorf("write record: %v", err)
		}
	}
}

// descendant reports whether pid descends from ancestor (from /proc).
func descendant(pid, ancestor uint32) bool {
	for range 16 {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return false
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			return false
		}
		var ppid uint32
		if _, err := fmt.Sscanf(s[i+2:], "%*c %d", &ppid); err != nil {
			return false
		}
		if ppid == ancestor {
			return true
		}
		if ppid <= 1 {
			return false
		}
		pid = ppid
	}
	return false
}

// realPath resolves a command to its executable file.
func realPath(t testing.TB, cmd string) string {
	t.Helper()
	p, err := exec.LookPath(cmd)
	if err != nil {
		t.Fatalf("%s is not installed: %v", cmd, err)
	}
	p, err = filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	p, err = filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// cgroupID is the cgroup v2 ID of pid's cgroup: the inode number of its
// directory in the cgroup2 hierarchy.
func cgroupID(t testing.TB, pid int) uint64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cgroup", pid))
	if err != nil {
		t.Fatal(err)
	}
	var rel string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "0::") {
			rel = strings.TrimPrefix(line, "0::")
		}
	}
	if rel == "" {
		t.Fatalf("pid %d has no cgroup v2 entry:\n%s", pid, b)
	}
	var st unix.Stat_t
	if err := unix.Stat(filepath.Join(cgroup2Mount(t), rel), &st); err != nil {
		t.Fatal(err)
	}
	return st.Ino
}

func cgroup2Mount(t testing.TB) string {
	t.Helper()
	f, err := os.Open("/proc/self/mounts")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 2 && fields[2] == "cgroup2" {
			return fields[1]
		}
	}
	t.Fatal("no cgroup2 hierarchy is mounted")
	return ""
}

func mustRun(t testing.TB, cmd *exec.Cmd) string {
	t.Helper()
	var out strings.Builder
	if cmd.Stdout == nil {
		cmd.Stdout = &out
	}
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	return out.String()
}
