// Package kubetest starts a real Kubernetes control plane — an etcd and a
// kube-apiserver built from Go modules by tools/kube/build.sh — for
// integration tests, on free loopback ports, and stops it when the test ends.
//
// There is no kubelet, scheduler or controller-manager: objects are stored
// and served by the real API server (with its admission chain and RBAC), but
// nothing reconciles them. Pods stay Pending, and a namespace gets no default
// ServiceAccount unless it is created through CreateNamespace.
//
// Lifecycle: Start builds the binaries if they are missing (a cold build takes
// about 8 minutes), starts etcd, then the API server, and waits for /readyz.
// Every process is registered with t.Cleanup as soon as it runs, so a test that
// fails midway leaves nothing behind: the process groups are signalled (TERM,
// then KILL) and the temporary directory with etcd's data, the certificates
// and the token file is removed.
package kubetest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// The users of the token file. Admin is in system:masters, which RBAC lets do
// anything; User has no bindings, so RBAC forbids it everything but the
// discovery and self-review endpoints every authenticated user may call.
const (
	AdminUser = "ward-admin"
	User      = "ward-user"
)

// mainModule is the module path of the repository root that holds
// tools/kube/build.sh.
const mainModule = "github.com/wardsec/ward"

const (
	// readyTimeout bounds the wait for etcd's /health and the API server's
	// /readyz on a busy 2-core machine; a warm start takes a few seconds.
	readyTimeout = 2 * time.Minute
	// stopGrace is how long a process has to exit after SIGTERM before its
	// group is killed. The data is throwaway, so no graceful shutdown is needed.
	stopGrace = 3 * time.Second
	// logTail is how much of each process's output is shown when a test fails.
	logTail = 32 << 10
)

// Cluster is a running etcd + kube-apiserver pair.
type Cluster struct {
	// Config authenticates as AdminUser (group system:masters) and verifies
	// the API server's certificate.
	Config *rest.Config
	// Host is the API server's URL, https://127.0.0.1:<port>.
	Host string
	// AdminToken is the bearer token of AdminUser.
	AdminToken string
	// UserToken is the bearer token of User, who has no RBAC bindings.
	UserToken string
	// Client is a clientset built from Config.
	Client kubernetes.Interface

	dir       string
	procs     []*process
	etcdReady time.Duration // since the attempt began, for the log
}

// UserConfig returns a copy of Config that authenticates as the unprivileged
// User instead of the admin.
func (c *Cluster) UserConfig() *rest.Config {
	cfg := rest.CopyConfig(c.Config)
	cfg.BearerToken = c.UserToken
	return cfg
}

// CreateNamespace creates the namespace name and its "default"
// ServiceAccount, which a controller-manager would create in a real cluster
// and without which the ServiceAccount admission plugin rejects Pods.
func (c *Cluster) CreateNamespace(t testing.TB, name string) *corev1.Namespace {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	ns, err := c.Client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{
		ObjectMeta: metav1.ObjectMeta{Name: name},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("kubetest: create namespace %q: %v", name, err)
	}
	_, err = c.Client.CoreV1().ServiceAccounts(name).Create(ctx, &corev1.ServiceAccount{
		ObjectMeta: metav1.ObjectMeta{Name: "default", Namespace: name},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("kubetest: create service account %s/default: %v", name, err)
	}
	return ns
}

// Start starts etcd and kube-apiserver and returns once the API server is
// ready. It fails the test (with the processes' output and the command to
// run) when the binaries cannot be built or the cluster does not come up.
func Start(t testing.TB) *Cluster {
	t.Helper()
	began := time.Now()
	root, err := repoRoot()
	if err != nil {
		t.Fatalf("kubetest: %v", err)
	}
	bin, err := binDir(root)
	if err != nil {
		t.Fatalf("kubetest: %v", err)
	}
	// One retry: the ports are free when chosen but another process may take
	// one before etcd or the API server binds it.
	for attempt := 1; ; attempt++ {
		c, err := start(t, bin, "")
		if err == nil {
			t.Logf("kubetest: etcd and kube-apiserver ready at %s in %s (etcd ready after %s)",
				c.Host, time.Since(began).Round(time.Millisecond), c.etcdReady.Round(time.Millisecond))
			return c
		}
		if attempt < 2 && errors.Is(err, errPortClash) {
			t.Logf("kubetest: %v; retrying on new ports", err)
			continue
		}
		t.Fatalf("kubetest: %v", err)
	}
}

var errPortClash = errors.New("port already in use")

// start makes one attempt with the binaries in bin, in a new directory under
// parent ("" for the system's temporary directory). On error, what it
// started is already stopped, its output logged and the directory removed.
func start(t testing.TB, bin, parent string) (_ *Cluster, err error) {
	began := time.Now()
	dir, err := os.MkdirTemp(parent, "kubetest-")
	if err != nil {
		return nil, fmt.Errorf("create temp dir: %w", err)
	}
	c := &Cluster{dir: dir}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			// Stop in reverse order: the API server before its etcd.
			for i := len(c.procs) - 1; i >= 0; i-- {
				c.procs[i].stop()
			}
			if err != nil || t.Failed() {
				for _, p := range c.procs {
					t.Logf("kubetest: %s output (last %d KiB):\n%s", p.name, logTail>>10, p.tail())
				}
			}
			if rmErr := os.RemoveAll(dir); rmErr != nil {
				t.Errorf("kubetest: remove %s: %v", dir, rmErr)
			}
		})
	}
	t.Cleanup(stop)
	defer func() {
		if err != nil {
			stop()
		}
	}()

	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	etcdClient, etcdPeer, apiPort := ports[0], ports[1], ports[2]

	f, err := writeFiles(dir)
	if err != nil {
		return nil, err
	}

	etcdURL := "http://127.0.0.1:" + strconv.Itoa(etcdClient)
	peerURL := "http://127.0.0.1:" + strconv.Itoa(etcdPeer)
	etcd, err := startProcess(dir, "etcd", filepath.Join(bin, "etcd"),
		"--name", "kubetest",
		"--data-dir", filepath.Join(dir, "etcd-data"),
		"--listen-client-urls", etcdURL,
		"--advertise-client-urls", etcdURL,
		"--listen-peer-urls", peerURL,
		"--initial-advertise-peer-urls", peerURL,
		"--initial-cluster", "kubetest="+peerURL,
		"--initial-cluster-state", "new",
		// Throwaway data: skip fsync, which dominates etcd's latency.
		"--unsafe-no-fsync",
		"--log-level", "warn",
	)
	if err != nil {
		return nil, err
	}
	c.procs = append(c.procs, etcd)

	ctx, cancel := context.WithTimeout(t.Context(), readyTimeout)
	defer cancel()
	if err := waitReady(ctx, etcd, http.DefaultClient, etcdURL+"/health", ""); err != nil {
		return nil, fmt.Errorf("etcd on %s: %w", etcdURL, err)
	}
	c.etcdReady = time.Since(began)

	c.Host = "https://127.0.0.1:" + strconv.Itoa(apiPort)
	api, err := startProcess(dir, "kube-apiserver", filepath.Join(bin, "kube-apiserver"),
		"--etcd-servers", etcdURL,
		"--bind-address", "127.0.0.1",
		"--advertise-address", "127.0.0.1",
		// The endpoint reconcilers refuse a loopback advertise address, and
		// no pod here could reach the API server through the kubernetes
		// Service anyway.
		"--endpoint-reconciler-type", "none",
		"--secure-port", strconv.Itoa(apiPort),
		"--cert-dir", f.certDir,
		"--tls-cert-file", f.servingCert,
		"--tls-private-key-file", f.servingKey,
		"--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file", f.saKey,
		"--service-account-signing-key-file", f.saKey,
		"--token-auth-file", f.tokens,
		"--authorization-mode", "RBAC",
		"--service-cluster-ip-range", "10.0.0.0/24",
		"--allow-privileged=true",
		"--profiling=false",
	)
	if err != nil {
		return nil, err
	}
	c.procs = append(c.procs, api)

	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(f.caPEM)
	httpClient := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	defer httpClient.CloseIdleConnections()
	if err := waitReady(ctx, api, httpClient, c.Host+"/readyz", f.adminToken); err != nil {
		return nil, fmt.Errorf("kube-apiserver on %s: %w", c.Host, err)
	}

	c.AdminToken, c.UserToken = f.adminToken, f.userToken
	c.Config = &rest.Config{
		Host:            c.Host,
		BearerToken:     f.adminToken,
		TLSClientConfig: rest.TLSClientConfig{CAData: f.caPEM},
		// A test cluster serves one test: no client-side throttling.
		QPS: -1,
	}
	c.Client, err = kubernetes.NewForConfig(c.Config)
	if err != nil {
		return nil, fmt.Errorf("build client for %s: %w", c.Host, err)
	}
	return c, nil
}

// freePorts returns n distinct loopback ports that were free a moment ago.
func freePorts(n int) ([]int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// waitReady polls url until it answers 200, the process exits or ctx ends.
func waitReady(ctx context.Context, p *process, client *http.Client, url, token string) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var last string
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return fmt.Errorf("build request: %w", err)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err == nil {
			body, _ := readSome(resp)
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("%s: %s", resp.Status, body)
		} else {
			last = err.Error()
		}
		select {
		case <-p.done:
			if p.portClash() {
				return fmt.Errorf("exited (%v): %w", p.waitErr, errPortClash)
			}
			return fmt.Errorf("exited before it was ready: %v", p.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("not ready after %s (last answer: %s): %w", readyTimeout, last, ctx.Err())
		case <-tick.C:
		}
	}
}

func readSome(resp *http.Response) (string, error) {
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	return strings.TrimSpace(string(b)), err
}

// process is a child started in its own process group, with its combined
// output in a log file.
type process struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	done    chan struct{}
	waitErr error
}

func startProcess(dir, name, path string, args ...string) (*process, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s binary: %w", name, err)
	}
	logPath := filepath.Join(dir, name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("create %s log: %w", name, err)
	}
	defer logFile.Close() // the child keeps its own descriptor
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Env = childEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{
		// Own group, so stop reaches any child it forks.
		Setpgid: true,
		// If the test binary dies without running its cleanups (a panic,
		// the -timeout alarm), the kernel kills the child.
		Pdeathsig: syscall.SIGKILL,
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &process{name: name, cmd: cmd, logPath: logPath, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// childEnv is the test's environment without ETCD_* variables, which etcd
// would read as flags.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ETCD_") {
			env = append(env, kv)
		}
	}
	return env
}

// stop signals the process group with SIGTERM, then SIGKILL after stopGrace,
// and waits for the process to be reaped.
func (p *process) stop() {
	select {
	case <-p.done:
	default:
		pgid := p.cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(stopGrace):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-p.done
		}
	}
	// The leader is gone; make sure nothing it forked outlives it.
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
}

// tail returns the last logTail bytes of the process's output.
func (p *process) tail() string {
	f, err := os.Open(p.logPath)
	if err != nil {
		return fmt.Sprintf("(no output: %v)", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > logTail {
		if _, err := f.Seek(st.Size()-logTail, 0); err != nil {
			return fmt.Sprintf("(read output: %v)", err)
		}
	}
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), logTail)
	for sc.Scan() {
		b.WriteString(sc.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// portClash reports whether the process's output says a port was taken.
func (p *process) portClash() bool {
	return strings.Contains(p.tail(), "address already in use")
}

// binDir runs tools/kube/build.sh of the repository at root, which builds
// the binaries when they are not in its cache yet, and returns the directory
// it prints.
func binDir(root string) (string, error) {
	script := filepath.Join(root, "tools", "kube", "build.sh")
	cmd := exec.Command("bash", script)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("build the test Kubernetes binaries with `bash tools/kube/build.sh` (in %s; needs the Go toolchain and the Go module proxy): %w\n%s", root, err, lastLines(stderr.String(), 40))
	}
	dir := strings.TrimSpace(string(out))
	if i := strings.LastIndexByte(dir, '\n'); i >= 0 {
		dir = dir[i+1:]
	}
	if dir == "" {
		return "", fmt.Errorf("tools/kube/build.sh printed no directory")
	}
	return dir, nil
}

// repoRoot walks up from the working directory (a test's package directory)
// to the go.mod of mainModule.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find repository root: %w", err)
	}
	for dir := wd; ; {
		if isMainModule(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("find repository root: no go.mod of %s above %s", mainModule, wd)
		}
		dir = parent
	}
}

func isMainModule(goMod string) bool {
	b, err := os.ReadFile(goMod)
	if err != nil {
		return false
	}
	for line := range strings.Lines(string(b)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`) == mainModule
		}
	}
	return false
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
