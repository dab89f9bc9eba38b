package respond

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/wardsec/ward/internal/event"
)

// The names isolate uses in the cluster.
const (
	// QuarantineLabel is set to "true" on an isolated pod.
	QuarantineLabel = "ward.dev/quarantine"
	// QuarantinePolicy is the NetworkPolicy, one per namespace, that
	// denies all ingress and egress of the pods with QuarantineLabel.
	QuarantinePolicy = "ward-quarantine"
	// managedByLabel marks the policy as Ward's.
	managedByLabel = "app.kubernetes.io/managed-by"
	managedBy      = "ward"
)

// QuarantinePolicySpec is the spec of the ward-quarantine NetworkPolicy:
// it selects the pods labelled ward.dev/quarantine=true and, declaring both
// policy types with no rules, allows them no traffic in either direction.
func QuarantinePolicySpec() networkingv1.NetworkPolicySpec {
	return networkingv1.NetworkPolicySpec{
		PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{QuarantineLabel: "true"}},
		PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress, networkingv1.PolicyTypeEgress},
	}
}

// isolate quarantines the event's pod: first it makes sure the deny-all
// policy exists in the pod's namespace (so a labelled pod is never left
// unprotected), then it labels the pod. When the event names the pod's UID,
// the patch carries it, and the API server refuses to change a pod of the
// same name that is not the event's pod (uid is immutable).
func (r *Responder) isolate(ctx context.Context, e *event.Event, rec *AuditRecord) {
	if e == nil {
		refuse(rec, "the finding has no event, so there is no pod to isolate")
		return
	}
	if e.K8s.Pod == "" || e.K8s.Namespace == "" {
		where := "a host process"
		if e.Container.ID != "" {
			where = "container " + e.Container.ID + ", which is not in a Kubernetes pod"
		}
		refuse(rec, "the event is from %s; isolate acts on Kubernetes pods only", where)
		return
	}
	ns, pod := e.K8s.Namespace, e.K8s.Pod
	rec.Target = "pod " + ns + "/" + pod
	if r.cfg.Kube == nil {
		refuse(rec, "no Kubernetes client configured (the agent runs without cluster access)")
		return
	}
	if r.cfg.DryRun {
		rec.OK = true
		rec.Detail = fmt.Sprintf("dry run: would ensure network policy %s/%s and label the pod %s=true", ns, QuarantinePolicy, QuarantineLabel)
		return
	}
	policy, err := r.ensurePolicy(ctx, ns)
	if err != nil {
		fail(rec, fmt.Errorf("ensure network policy %s/%s: %w", ns, QuarantinePolicy, err))
		return
	}
	if err := r.labelPod(ctx, ns, pod, e.K8s.PodUID); err != nil {
		if e.K8s.PodUID != "" && apierrors.IsInvalid(err) && strings.Contains(err.Error(), "metadata.uid") {
			refuse(rec, "pod %s/%s is no longer the event's pod (uid %s); not labelled (network policy %s)", ns, pod, e.K8s.PodUID, policy)
			return
		}
		fail(rec, fmt.Errorf("label pod %s/%s: %w (network policy %s)", ns, pod, err, policy))
		return
	}
	rec.OK = true
	rec.Detail = fmt.Sprintf("network policy %s/%s %s; pod labelled %s=true", ns, QuarantinePolicy, policy, QuarantineLabel)
}

// ensurePolicy creates the quarantine policy in ns, or resets its spec when
// someone changed it, and says which it did: "created", "reused" or
// "repaired".
func (r *Responder) ensurePolicy(ctx context.Context, ns string) (string, error) {
	api := r.cfg.Kube.NetworkingV1().NetworkPolicies(ns)
	want := QuarantinePolicySpec()
	for range 3 { // a create or update may race with another agent's
		cur, err := api.Get(ctx, QuarantinePolicy, metav1.GetOptions{})
		switch {
		case apierrors.IsNotFound(err):
			np := &networkingv1.NetworkPolicy{
				ObjectMeta: metav1.ObjectMeta{
					Name:      QuarantinePolicy,
					Namespace: ns,
					Labels:    map[string]string{managedByLabel: managedBy},
					Annotations: map[string]string{
						"ward.dev/description": "Denies all traffic of pods labelled " + QuarantineLabel + "=true (isolated by the Ward runtime agent).",
					},
				},
				Spec: want,
			}
			_, err = api.Create(ctx, np, metav1.CreateOptions{})
			if apierrors.IsAlreadyExists(err) {
				continue
			}
			if err != nil {
				return "", fmt.Errorf("create: %w", err)
			}
			return "created", nil
		case err != nil:
			return "", fmt.Errorf("get: %w", err)
		}
		if isQuarantineSpec(cur.Spec) {
			return "reused", nil
		}
		upd := cur.DeepCopy()
		upd.Spec = want
		_, err = api.Update(ctx, upd, metav1.UpdateOptions{})
		if apierrors.IsConflict(err) || apierrors.IsNotFound(err) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("reset changed spec: %w", err)
		}
		return "repaired", nil
	}
	return "", fmt.Errorf("the policy kept changing under the agent")
}

// isQuarantineSpec reports whether s denies everything to exactly the
// quarantined pods.
func isQuarantineSpec(s networkingv1.NetworkPolicySpec) bool {
	want := QuarantinePolicySpec()
	types := slices.Clone(s.PolicyTypes)
	slices.Sort(types)
	wantTypes := slices.Clone(want.PolicyTypes)
	slices.Sort(wantTypes)
	return len(s.Ingress) == 0 && len(s.Egress) == 0 &&
		slices.Equal(types, wantTypes) &&
		len(s.PodSelector.MatchExpressions) == 0 &&
		maps.Equal(s.PodSelector.MatchLabels, want.PodSelector.MatchLabels)
}

// labelPod sets the quarantine label with a strategic-merge patch. With
// uid set, the patch also states the pod's UID: when the pod of that name
// is another one (recreated since the event), the API server rejects the
// change to the immutable field and nothing is labelled.
func (r *Responder) labelPod(ctx context.Context, ns, pod, uid string) error {
	meta := map[string]any{"labels": map[string]string{QuarantineLabel: "true"}}
	if uid != "" {
		meta["uid"] = uid
	}
	patch, err := json.Marshal(map[string]any{"metadata": meta})
	if err != nil {
		return fmt.Errorf("encode patch: %w", err)
	}
	_, err = r.cfg.Kube.CoreV1().Pods(ns).Patch(ctx, pod, types.StrategicMergePatchType, patch, metav1.PatchOptions{FieldManager: managedBy})
	return err
}
