//go:build integration

package kubetest

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// TestCluster starts a real etcd + kube-apiserver, stores and lists a Pod and
// a NetworkPolicy, checks that RBAC and the ServiceAccount admission plugin
// are really on, and that the cleanup leaves no process or file behind.
func TestCluster(t *testing.T) {
	var (
		dir  string
		pids []int
	)
	t.Run("cluster", func(t *testing.T) {
		c := Start(t)
		dir = c.dir
		for _, p := range c.procs {
			pids = append(pids, p.cmd.Process.Pid)
		}
		ctx := t.Context()

		t.Run("server_reports_its_release", func(t *testing.T) {
			v, err := c.Client.Discovery().ServerVersion()
			if err != nil {
				t.Fatalf("server version: %v", err)
			}
			// tools/kube/build.sh stamps the version; unstamped it is v0.0.0-master.
			if v.Major != "1" || !strings.HasPrefix(v.GitVersion, "v1."+v.Minor+".") {
				t.Fatalf("server version = %+v, want a stamped v1.x release", v)
			}
			t.Logf("server version %s", v.GitVersion)
		})

		t.Run("pod_and_network_policy_round_trip", func(t *testing.T) {
			const ns = "ward-app"
			c.CreateNamespace(t, ns)
			if _, err := c.Client.CoreV1().ServiceAccounts(ns).Get(ctx, "default", metav1.GetOptions{}); err != nil {
				t.Fatalf("default service account: %v", err)
			}
			privileged := true
			pod := &corev1.Pod{
				ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: ns, Labels: map[string]string{"app": "web"}},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{
					Name:  "web",
					Image: "registry.invalid/web:1.0",
					// Accepted only because the server runs with --allow-privileged=true.
					SecurityContext: &corev1.SecurityContext{Privileged: &privileged},
				}}},
			}
			if _, err := c.Client.CoreV1().Pods(ns).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
				t.Fatalf("create pod: %v", err)
			}
			np := &networkingv1.NetworkPolicy{
				ObjectMeta: metav1.ObjectMeta{Name: "default-deny", Namespace: ns},
				Spec: networkingv1.NetworkPolicySpec{
					PodSelector: metav1.LabelSelector{},
					PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
				},
			}
			if _, err := c.Client.NetworkingV1().NetworkPolicies(ns).Create(ctx, np, metav1.CreateOptions{}); err != nil {
				t.Fatalf("create network policy: %v", err)
			}

			pods, err := c.Client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
			if err != nil {
				t.Fatalf("list pods: %v", err)
			}
			type podView struct {
				Name, ServiceAccount, Image string
				Privileged                  bool
				Phase                       corev1.PodPhase
			}
			var gotPods []podView
			for _, p := range pods.Items {
				v := podView{Name: p.Name, ServiceAccount: p.Spec.ServiceAccountName, Phase: p.Status.Phase}
				if len(p.Spec.Containers) > 0 {
					v.Image = p.Spec.Containers[0].Image
					if sc := p.Spec.Containers[0].SecurityContext; sc != nil && sc.Privileged != nil {
						v.Privileged = *sc.Privileged
					}
				}
				gotPods = append(gotPods, v)
			}
			// No kubelet: the pod is stored, defaulted and admitted, never run.
			wantPods := []podView{{Name: "web", ServiceAccount: "default", Image: "registry.invalid/web:1.0", Privileged: true, Phase: corev1.PodPending}}
			if diff := cmp.Diff(wantPods, gotPods); diff != "" {
				t.Errorf("pods (-want +got):\n%s", diff)
			}

			nps, err := c.Client.NetworkingV1().NetworkPolicies(ns).List(ctx, metav1.ListOptions{})
			if err != nil {
				t.Fatalf("list network policies: %v", err)
			}
			type npView struct {
				Name  string
				Types []networkingv1.PolicyType
			}
			var gotNPs []npView
			for _, p := range nps.Items {
				gotNPs = append(gotNPs, npView{Name: p.Name, Types: p.Spec.PolicyTypes})
			}
			wantNPs := []npView{{Name: "default-deny", Types: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}}}
			if diff := cmp.Diff(wantNPs, gotNPs); diff != "" {
				t.Errorf("network policies (-want +got):\n%s", diff)
			}
		})

		t.Run("service_account_admission_needs_default_account", func(t *testing.T) {
			// A namespace created without CreateNamespace has no default
			// ServiceAccount (no controller-manager), so the real admission
			// chain rejects a pod in it.
			const ns = "ward-bare"
			if _, err := c.Client.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
				t.Fatalf("create namespace: %v", err)
			}
			pod := &corev1.Pod{
				ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: ns},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "registry.invalid/web:1.0"}}},
			}
			_, err := c.Client.CoreV1().Pods(ns).Create(ctx, pod, metav1.CreateOptions{})
			if err == nil {
				t.Fatal("pod admitted in a namespace without a default service account")
			}
			t.Logf("rejected as expected: %v", err)
		})

		t.Run("rbac_forbids_unprivileged_user", func(t *testing.T) {
			user, err := kubernetes.NewForConfig(c.UserConfig())
			if err != nil {
				t.Fatal(err)
			}
			_, err = user.CoreV1().Secrets("default").List(ctx, metav1.ListOptions{})
			if !apierrors.IsForbidden(err) {
				t.Fatalf("unprivileged user listing secrets: error = %v, want Forbidden", err)
			}
			t.Logf("user: %v", err)
			// The same request as admin succeeds, so the refusal is RBAC's
			// verdict on the user, not a broken request.
			if _, err := c.Client.CoreV1().Secrets("default").List(ctx, metav1.ListOptions{}); err != nil {
				t.Fatalf("admin listing secrets: %v", err)
			}
			// A wrong token is not authenticated at all.
			bad := c.UserConfig()
			bad.BearerToken = "not-a-token"
			badClient, err := kubernetes.NewForConfig(bad)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := badClient.CoreV1().Secrets("default").List(ctx, metav1.ListOptions{}); !apierrors.IsUnauthorized(err) {
				t.Fatalf("unknown token: error = %v, want Unauthorized", err)
			}
		})
	})

	t.Run("cleanup_leaves_nothing", func(t *testing.T) {
		if len(pids) != 2 || dir == "" {
			t.Fatalf("cluster not started: pids %v dir %q", pids, dir)
		}
		for _, pid := range pids {
			if err := syscall.Kill(-pid, 0); !errors.Is(err, syscall.ESRCH) {
				t.Errorf("process group %d still exists after cleanup (kill 0: %v)", pid, err)
			}
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("temp dir %s still exists after cleanup (stat: %v)", dir, err)
		}
	})
}

// TestStartFailureLeavesNothing starts the real etcd with an API server that
// dies at once after forking a child, and checks that the failed start stops
// etcd, kills the API server's whole process group and removes its files.
func TestStartFailureLeavesNothing(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	real, err := binDir(root)
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(filepath.Join(real, "etcd"), filepath.Join(bin, "etcd")); err != nil {
		t.Fatal(err)
	}
	childPID := filepath.Join(bin, "child.pid")
	script := "#!/bin/sh\nsleep 300 &\necho $! > " + childPID + "\necho 'fake kube-apiserver: giving up' >&2\nexit 3\n"
	if err := os.WriteFile(filepath.Join(bin, "kube-apiserver"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()

	c, err := start(t, bin, parent)
	if err == nil {
		t.Fatalf("start succeeded with a failing API server: %s", c.Host)
	}
	if !strings.Contains(err.Error(), "kube-apiserver") || !strings.Contains(err.Error(), "exited") {
		t.Errorf("error = %v, want it to name the kube-apiserver that exited", err)
	}

	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("temp dir left behind: %v", entries)
	}
	// etcd ran with its data dir under parent; no process may still have it
	// on its command line.
	if pids := processesMentioning(t, parent); len(pids) != 0 {
		t.Errorf("processes still running with %s in their arguments: %v", parent, pids)
	}
	b, err := os.ReadFile(childPID)
	if err != nil {
		t.Fatalf("the fake API server did not start its child: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	// The orphaned child is killed with the group; init may take a moment
	// to reap it.
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("child %d of the failed API server outlived it", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (comm) state ...
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}

func processesMentioning(t *testing.T, needle string) []int {
	t.Helper()
	procs, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, p := range procs {
		pid, err := strconv.Atoi(p.Name())
		if err != nil || !alive(pid) {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", p.Name(), "cmdline"))
		if err == nil && strings.Contains(string(cmdline), needle) {
			pids = append(pids, pid)
		}
	}
	return pids
}
