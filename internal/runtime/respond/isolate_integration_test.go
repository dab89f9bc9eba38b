//go:build integration

package respond

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/kubetest"
)

// TestIsolateRealAPIServer isolates pods on a real kube-apiserver, acting
// as an unprivileged user that holds only the RBAC rules
// docs/runtime-response.md tells operators to grant, and reads the result
// back as the admin.
func TestIsolateRealAPIServer(t *testing.T) {
	c := kubetest.Start(t)
	ctx := t.Context()
	const ns = "shop"
	c.CreateNamespace(t, ns)
	c.CreateNamespace(t, "locked")
	c.CreateNamespace(t, "race")

	pods := map[string]*corev1.Pod{}
	for _, p := range []struct{ ns, name string }{{ns, "web"}, {ns, "db"}, {ns, "api"}, {"locked", "web"}, {"race", "a"}, {"race", "b"}, {"race", "c"}, {"race", "d"}} {
		pod := &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: p.name, Namespace: p.ns, Labels: map[string]string{"app": p.name}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: p.name, Image: "registry.invalid/" + p.name + ":1"}}},
		}
		created, err := c.Client.CoreV1().Pods(p.ns).Create(ctx, pod, metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("create pod %s/%s: %v", p.ns, p.name, err)
		}
		pods[p.ns+"/"+p.name] = created
	}

	// The documented permissions, bound in "shop" only, to the user that
	// has no other bindings.
	role := &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: "ward-respond"},
		Rules: []rbacv1.PolicyRule{
			{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"get", "patch"}},
			{APIGroups: []string{"networking.k8s.io"}, Resources: []string{"networkpolicies"}, Verbs: []string{"get", "create", "update"}},
		},
	}
	if _, err := c.Client.RbacV1().ClusterRoles().Create(ctx, role, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create cluster role: %v", err)
	}
	for _, bns := range []string{ns, "race"} {
		binding := &rbacv1.RoleBinding{
			ObjectMeta: metav1.ObjectMeta{Name: "ward-respond", Namespace: bns},
			RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: role.Name},
			Subjects:   []rbacv1.Subject{{APIGroup: "rbac.authorization.k8s.io", Kind: "User", Name: kubetest.User}},
		}
		if _, err := c.Client.RbacV1().RoleBindings(bns).Create(ctx, binding, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create role binding in %s: %v", bns, err)
		}
	}
	agent, err := kubernetes.NewForConfig(c.UserConfig())
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(Config{Rules: map[string][]Action{"WARD-RT-0001": {Isolate}}, Kube: agent})
	if err != nil {
		t.Fatal(err)
	}
	f := runtimeFinding("WARD-RT-0001", "Terminal shell in container", finding.SeverityCritical)
	isolate := func(t *testing.T, podNS, pod, uid string) AuditRecord {
		t.Helper()
		e := &event.Event{
			Type:      event.Execve,
			Proc:      event.Process{PID: 4321, Name: "sh"},
			Container: event.Container{ID: "0123456789ab", Name: pod},
			K8s:       event.K8s{Namespace: podNS, Pod: pod, PodUID: uid},
		}
		got := r.Respond(ctx, f, e)
		if len(got) != 1 {
			t.Fatalf("got %d records, want 1: %+v", len(got), got)
		}
		return got[0]
	}

	t.Run("first_pod_creates_policy", func(t *testing.T) {
		got := isolate(t, ns, "web", string(pods[ns+"/web"].UID))
		want := AuditRecord{Action: Isolate, CheckID: "WARD-RT-0001", Target: "pod shop/web", OK: true,
			Detail: "network policy shop/ward-quarantine created; pod labelled ward.dev/quarantine=true"}
		if diff := cmp.Diff(want, got, ignoreTime); diff != "" {
			t.Errorf("record (-want +got):\n%s", diff)
		}
		assertIsolated(t, c.Client, ns, "web")
		np, err := c.Client.NetworkingV1().NetworkPolicies(ns).Get(ctx, QuarantinePolicy, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if np.Spec.Ingress != nil || np.Spec.Egress != nil {
			t.Errorf("quarantine policy has rules (ingress %v, egress %v); want none", np.Spec.Ingress, np.Spec.Egress)
		}
		if np.Labels[managedByLabel] != managedBy {
			t.Errorf("policy labels %v, want %s=%s", np.Labels, managedByLabel, managedBy)
		}
	})

	t.Run("second_pod_reuses_policy", func(t *testing.T) {
		got := isolate(t, ns, "db", string(pods[ns+"/db"].UID))
		if !got.OK || got.Detail != "network policy shop/ward-quarantine reused; pod labelled ward.dev/quarantine=true" {
			t.Fatalf("record %+v, want success reusing the policy", got)
		}
		assertIsolated(t, c.Client, ns, "db")
		nps, err := c.Client.NetworkingV1().NetworkPolicies(ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(nps.Items) != 1 || nps.Items[0].Name != QuarantinePolicy {
			t.Errorf("network policies in %s: %d, want only %s", ns, len(nps.Items), QuarantinePolicy)
		}
	})

	t.Run("policy_selects_only_quarantined_pods", func(t *testing.T) {
		// Evaluate the stored policy's selector against the stored pods:
		// the two isolated pods match, the third does not.
		np, err := c.Client.NetworkingV1().NetworkPolicies(ns).Get(ctx, QuarantinePolicy, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sel, err := metav1.LabelSelectorAsSelector(&np.Spec.PodSelector)
		if err != nil {
			t.Fatal(err)
		}
		list, err := c.Client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: sel.String()})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range list.Items {
			got = append(got, p.Name)
		}
		if diff := cmp.Diff([]string{"db", "web"}, got); diff != "" {
			t.Errorf("pods the policy selects (-want +got):\n%s", diff)
		}
	})

	t.Run("stale_pod_uid_is_not_labelled", func(t *testing.T) {
		// The event's pod was replaced by another of the same name: the
		// API server refuses the patch that states the old UID.
		got := isolate(t, ns, "api", "00000000-0000-0000-0000-000000000000")
		if got.OK || got.Error != "refused: pod shop/api is no longer the event's pod (uid 00000000-0000-0000-0000-000000000000); not labelled (network policy reused)" {
			t.Fatalf("record %+v, want the label refused for a stale UID", got)
		}
		t.Logf("API server's answer: %s", got.Error)
		p, err := c.Client.CoreV1().Pods(ns).Get(ctx, "api", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := p.Labels[QuarantineLabel]; ok || p.UID != pods[ns+"/api"].UID {
			t.Errorf("pod api changed: labels %v uid %s", p.Labels, p.UID)
		}
	})

	t.Run("concurrent_isolations_share_one_policy", func(t *testing.T) {
		// Four pods of a fresh namespace at once: the creates race, the
		// losers find the winner's policy, every pod is isolated.
		names := []string{"a", "b", "c", "d"}
		results := make([][]AuditRecord, len(names))
		var wg sync.WaitGroup
		for i, name := range names {
			e := &event.Event{Type: event.Execve, Proc: event.Process{PID: 4321, Name: "sh"},
				K8s: event.K8s{Namespace: "race", Pod: name, PodUID: string(pods["race/"+name].UID)}}
			wg.Go(func() { results[i] = r.Respond(ctx, f, e) })
		}
		wg.Wait()
		created := 0
		for i, got := range results {
			if len(got) != 1 {
				t.Fatalf("pod %s: %d records, want 1", names[i], len(got))
			}
			rec := got[0]
			if !rec.OK {
				t.Errorf("pod %s: %+v", names[i], rec)
			}
			if strings.Contains(rec.Detail, " created;") {
				created++
			}
			assertIsolated(t, c.Client, "race", names[i])
		}
		if created != 1 {
			t.Errorf("%d records say they created the policy, want 1: %+v", created, results)
		}
		nps, err := c.Client.NetworkingV1().NetworkPolicies("race").List(ctx, metav1.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(nps.Items) != 1 {
			t.Errorf("%d network policies in race, want 1", len(nps.Items))
		}
	})

	t.Run("without_rbac_fails_with_audit", func(t *testing.T) {
		got := isolate(t, "locked", "web", string(pods["locked/web"].UID))
		if got.OK || !strings.Contains(got.Error, "forbidden") || got.Target != "pod locked/web" {
			t.Fatalf("record %+v, want a forbidden failure", got)
		}
		p, err := c.Client.CoreV1().Pods("locked").Get(ctx, "web", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := p.Labels[QuarantineLabel]; ok {
			t.Errorf("pod labelled without permission: %v", p.Labels)
		}
	})
}
