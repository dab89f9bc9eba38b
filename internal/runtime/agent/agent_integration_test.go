//go:build integration

package agent

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/wardsec/ward/internal/detect"
	"github.com/wardsec/ward/internal/kubetest"
	"github.com/wardsec/ward/internal/runtime/fim"
	"github.com/wardsec/ward/internal/runtime/output"
	"github.com/wardsec/ward/internal/runtime/respond"
)

// memSink keeps the records in memory.
type memSink struct {
	mu   sync.Mutex
	recs []output.Record
}

func (m *memSink) Write(_ context.Context, r output.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recs = append(m.recs, r)
	return nil
}

func (m *memSink) Close() error { return nil }

// wait returns the first record for which ok holds, polling until the
// deadline.
func (m *memSink) wait(t *testing.T, what string, ok func(output.Record) bool) output.Record {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		m.mu.Lock()
		for _, r := range m.recs {
			if ok(r) {
				m.mu.Unlock()
				return r
			}
		}
		m.mu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var seen []string
	for _, r := range m.recs {
		seen = append(seen, r.Finding.CheckID+" "+r.Finding.Message)
	}
	t.Fatalf("no %s among %d records:\n%s", what, len(m.recs), strings.Join(seen, "\n"))
	return output.Record{}
}

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Fatal("the runtime agent tests load eBPF programs: run them as root (CI runs as root)")
	}
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); err != nil {
		t.Fatalf("no kernel BTF at /sys/kernel/btf/vmlinux: %v", err)
	}
}

// start runs an agent until the test ends.
func start(t *testing.T, cfg Config) (*Agent, *memSink) {
	t.Helper()
	requireRoot(t)
	sink := &memSink{}
	cfg.Sink = sink
	ctx, cancel := context.WithCancel(context.Background())
	a, err := New(ctx, cfg)
	if err != nil {
		cancel()
		t.Fatalf("agent: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("agent Run: %v", err)
		}
		if err := a.Close(); err != nil {
			t.Errorf("agent Close: %v", err)
		}
	})
	return a, sink
}

const killRule = `
- rule: Test marker process
  desc: a sleep with the marker argument, killed by the response config
  condition: evt.type in (execve, execveat) and proc.name = sleep and proc.args contains "4242"
  output: marker sleep started (pid=%proc.pid cmdline=%proc.cmdline)
  priority: WARNING
  tags: [test]
`

// TestAgent_host runs real processes on the host with the agent running:
// a sensitive file read, a change under a monitored directory and a
// process the response config kills.
func TestAgent_host(t *testing.T) {
	dir := t.TempDir()
	watched := filepath.Join(dir, "watched")
	if err := os.MkdirAll(watched, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(watched, "app.conf")
	if err := os.WriteFile(target, []byte("mode=safe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, sink := start(t, Config{
		Rules:    []detect.File{{Path: "test.yaml", Data: []byte(killRule)}},
		FIM:      &fim.Config{Paths: []string{watched}, BaselineFile: filepath.Join(dir, "baseline.json"), Debounce: 100 * time.Millisecond},
		Response: &respond.Config{Rules: map[string][]respond.Action{"Test marker process": {respond.Kill}}},
	})
	if n := a.Rules().Count(detect.StatusActive); n < 13 {
		t.Errorf("%d active rules, want the 12 built-in ones and the test rule", n)
	}

	t.Run("sensitive_file_read", func(t *testing.T) {
		if out, err := exec.Command("sh", "-c", "cat /etc/shadow > /dev/null").CombinedOutput(); err != nil {
			t.Fatalf("cat: %v %s", err, out)
		}
		r := sink.wait(t, "WARD-RT-0002 for cat /etc/shadow", func(r output.Record) bool {
			return r.Finding.CheckID == "WARD-RT-0002" && r.Event != nil && r.Event.Process.Name == "cat"
		})
		if !strings.Contains(r.Finding.Message, "/etc/shadow") {
			t.Errorf("message %q does not name the file", r.Finding.Message)
		}
		// proc.name is the name the process was started as (the kernel's
		// comm), as in Falco: "sh", even where /bin/sh links to dash.
		if r.Event.Process.Parent != "sh" {
			t.Errorf("parent %q, want sh (process tree)", r.Event.Process.Parent)
		}
	})

	t.Run("file_integrity", func(t *testing.T) {
		// A child process writes: the sensor ignores the agent's own
		// process, which is this test.
		if out, err := exec.Command("sh", "-c", "echo mode=unsafe > "+target).CombinedOutput(); err != nil {
			t.Fatalf("write: %v %s", err, out)
		}
		r := sink.wait(t, "WARD-RT-0101 for the modified file", func(r output.Record) bool {
			return r.Finding.CheckID == "WARD-RT-0101" && strings.Contains(r.Finding.Resource.Name+r.Finding.Message, "app.conf")
		})
		if !strings.Contains(r.Finding.Evidence, "sha256") {
			t.Errorf("evidence %q has no hashes", r.Finding.Evidence)
		}
	})

	t.Run("kill_action", func(t *testing.T) {
		cmd := exec.Command("sleep", "4242")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case err := <-waited:
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Errorf("sleep ended with %v, want SIGKILL", err)
			}
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatal("the marker process was not killed")
		}
		r := sink.wait(t, "the marker finding with its kill audit", func(r output.Record) bool {
			return r.Finding.CheckID == "Test marker process" && len(r.Actions) > 0
		})
		if r.Actions[0].Action != respond.Kill || !r.Actions[0].OK {
			t.Errorf("audit %+v, want a successful kill", r.Actions[0])
		}
	})

	st := a.Status()
	if st.Events == 0 {
		t.Error("status counts no events")
	}
	for typ, n := range st.Dropped {
		if n > 0 {
			t.Errorf("%d %s events dropped", n, typ)
		}
	}
}

// containerRules make the container test's events visible as findings.
const containerRules = `
- rule: Test connect in container
  desc: test
  condition: evt.type = connect and container.id != host and fd.sport = 9123 and fd.sip = "127.0.0.1"
  output: connect (container=%container.id image=%container.image.repository pod=%k8s.pod.name)
  priority: NOTICE
- rule: Test watched write in container
  desc: test
  condition: evt.type in (open, openat, openat2) and evt.is_open_write = true and fd.name = /tmp/wardwatch/f and container.id != host
  output: write (file=%fd.name container=%container.id)
  priority: NOTICE
- rule: Test true in container
  desc: test
  condition: evt.type in (execve, execveat) and proc.name = true and container.id != host and k8s.ns.name = shop
  output: true (container=%container.id)
  priority: DEBUG
`

// TestAgent_container attributes events of a real Docker container to the
// container and to the pod that a real API server says runs it, and the
// isolate action quarantines that pod through the API server.
func TestAgent_container(t *testing.T) {
	requireRoot(t)
	docker, err := exec.LookPath("docker")
	if err != nil {
		t.Fatal("no docker CLI: apt-get install -y docker.io (the engine runs on these machines and in CI)")
	}
	var rb [5]byte
	if _, err := rand.Read(rb[:]); err != nil {
		t.Fatal(err)
	}
	suffix := hex.EncodeToString(rb[:])
	imageRef := "ward-test/alpine-agent-" + suffix + ":3.20"
	rootfs := alpineRootfs(t)
	if out, err := exec.Command(docker, "import", rootfs, imageRef).CombinedOutput(); err != nil {
		t.Fatalf("docker import: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command(docker, "rmi", "-f", imageRef).Run() })
	cname := "ward-agent-test-" + suffix
	out, err := exec.Command(docker, "run", "-d", "--name", cname, imageRef, "sleep", "300").Output()
	if err != nil {
		t.Fatalf("docker run: %v", err)
	}
	full := strings.TrimSpace(string(out))
	t.Cleanup(func() { _ = exec.Command(docker, "rm", "-f", cname).Run() })

	// The pod that "runs" the container: no kubelet here, so the test
	// writes the status a kubelet would.
	kc := kubetest.Start(t)
	kc.CreateNamespace(t, "shop")
	ctx := context.Background()
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web-5d8f7c9b4-x2x7q", Namespace: "shop", Labels: map[string]string{"app": "web"}},
		Spec:       corev1.PodSpec{NodeName: "node-a", Containers: []corev1.Container{{Name: "web", Image: imageRef}}},
	}
	pod, err = kc.Client.CoreV1().Pods("shop").Create(ctx, pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pod.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "web", ContainerID: "docker://" + full, Image: imageRef, Ready: true}}
	if _, err := kc.Client.CoreV1().Pods("shop").UpdateStatus(ctx, pod, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}

	a, sink := start(t, Config{
		Rules:         []detect.File{{Path: "container-test.yaml", Data: []byte(containerRules)}},
		WatchPrefixes: []string{"/etc", "/tmp/wardwatch"},
		Kube:          kc.Client, Node: "node-a", Docker: true,
		Response: &respond.Config{Kube: kc.Client, Rules: map[string][]respond.Action{"WARD-RT-0001": {respond.Isolate}}},
	})
	if out, err := exec.Command(docker, "exec", cname, "sh", "-c", "cat /etc/shadow > /dev/null").CombinedOutput(); err != nil {
		t.Fatalf("docker exec: %v %s", err, out)
	}
	r := sink.wait(t, "WARD-RT-0001 for the shell in the container", func(r output.Record) bool {
		return r.Finding.CheckID == "WARD-RT-0001" && r.Event != nil && r.Event.Container != nil && r.Event.Container.ID == full[:12]
	})
	c := r.Event.Container
	if !strings.HasPrefix(c.Image, "ward-test/alpine-agent-"+suffix) || c.Runtime != "docker" {
		t.Errorf("container %+v: want the image %s from the docker runtime", c, imageRef)
	}
	if r.Event.K8s == nil || r.Event.K8s.Namespace != "shop" || r.Event.K8s.Pod != pod.Name || r.Event.K8s.Labels["app"] != "web" {
		t.Errorf("k8s %+v: want shop/%s with app=web", r.Event.K8s, pod.Name)
	}
	// The container's cat read /etc/shadow of the container: the same
	// attribution on another rule.
	sink.wait(t, "WARD-RT-0002 in the container", func(r output.Record) bool {
		return r.Finding.CheckID == "WARD-RT-0002" && r.Event != nil && r.Event.Container != nil && r.Event.Container.ID == full[:12]
	})

	// Inside the container: a connect to a loopback listener, a write
	// under a watched directory and an exec storm, each attributed to the
	// container.
	script := `mkdir -p /tmp/wardwatch && echo x > /tmp/wardwatch/f && ` +
		`(nc -l -p 9123 > /dev/null &) && sleep 0.5 && echo hi | nc -w 1 127.0.0.1 9123; ` +
		`for i in $(seq 300); do /bin/true; done`
	if out, err := exec.Command(docker, "exec", cname, "sh", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("docker exec: %v %s", err, out)
	}
	inContainer := func(id string) func(output.Record) bool {
		return func(r output.Record) bool {
			return r.Finding.CheckID == id && r.Event != nil && r.Event.Container != nil && r.Event.Container.ID == full[:12] && r.Event.K8s != nil && r.Event.K8s.Pod == pod.Name
		}
	}
	sink.wait(t, "the connect in the container", inContainer("Test connect in container"))
	sink.wait(t, "the watched write in the container", inContainer("Test watched write in container"))
	deadline := time.Now().Add(20 * time.Second)
	for {
		n := 0
		sink.mu.Lock()
		for _, r := range sink.recs {
			if inContainer("Test true in container")(r) {
				n++
			}
		}
		sink.mu.Unlock()
		if n >= 300 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of the 300 execs of /bin/true in the container were attributed to it", n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for typ, n := range a.Status().Dropped {
		if n > 0 {
			t.Errorf("%d %s events dropped", n, typ)
		}
	}

	// isolate: the record carries the audit; the API server holds the
	// policy and the label.
	ra := sink.wait(t, "WARD-RT-0001 with its isolate audit", func(r output.Record) bool {
		return r.Finding.CheckID == "WARD-RT-0001" && len(r.Actions) > 0
	})
	if ra.Actions[0].Action != respond.Isolate || !ra.Actions[0].OK {
		t.Fatalf("isolate audit %+v", ra.Actions[0])
	}
	np, err := kc.Client.NetworkingV1().NetworkPolicies("shop").Get(ctx, "ward-quarantine", metav1.GetOptions{})
	if err != nil {
		t.Fatalf("quarantine policy: %v", err)
	}
	if np.Spec.PodSelector.MatchLabels["ward.dev/quarantine"] != "true" || len(np.Spec.Ingress) != 0 || len(np.Spec.Egress) != 0 || len(np.Spec.PolicyTypes) != 2 {
		t.Errorf("policy spec %+v: want deny-all ingress and egress for ward.dev/quarantine=true", np.Spec)
	}
	got, err := kc.Client.CoreV1().Pods("shop").Get(ctx, pod.Name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Labels["ward.dev/quarantine"] != "true" {
		t.Errorf("pod labels %v: not quarantined", got.Labels)
	}
}

// alpineRootfs is the Alpine minirootfs of ../shared/images.
func alpineRootfs(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			p := filepath.Join(filepath.Dir(d), "shared", "images", "alpine-minirootfs", "alpine-minirootfs-3.20.3-x86_64.tar.gz")
			if _, err := os.Stat(p); err != nil {
				t.Fatalf("alpine minirootfs: %v (../shared must be beside the checkout)", err)
			}
			return p
		}
	}
	t.Fatal("repository root not found")
	return ""
}
