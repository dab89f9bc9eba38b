package enrich

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"github.com/wardsec/ward/internal/event"
)

// Pods keeps the pods of one node from the API server (a watch through an
// informer) indexed by container ID and pod UID.
type Pods struct {
	mu          sync.RWMutex
	byContainer map[string]podContainer
	byUID       map[string]event.K8s
}

type podContainer struct {
	k8s event.K8s
	c   event.Container
}

var _ PodLookup = (*Pods)(nil)

// WatchPods starts watching the pods scheduled on node ("" = every pod)
// and returns when the first list is in (or ctx is done). The watch runs
// until ctx is done.
func WatchPods(ctx context.Context, cs kubernetes.Interface, node string) (*Pods, error) {
	p := &Pods{byContainer: map[string]podContainer{}, byUID: map[string]event.K8s{}}
	var opts []informers.SharedInformerOption
	if node != "" {
		opts = append(opts, informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.FieldSelector = "spec.nodeName=" + node
		}))
	}
	f := informers.NewSharedInformerFactoryWithOptions(cs, 10*time.Minute, opts...)
	inf := f.Core().V1().Pods().Informer()
	if _, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { p.update(o) },
		UpdateFunc: func(_, o any) { p.update(o) },
		DeleteFunc: func(o any) { p.remove(o) },
	}); err != nil {
		return nil, err
	}
	f.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
		return nil, errors.New("pods of the node: the first list did not complete")
	}
	return p, nil
}

// Pod implements PodLookup.
func (p *Pods) Pod(containerID, podUID string) (event.K8s, event.Container, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if pc, ok := p.byContainer[containerID]; ok {
		return pc.k8s, pc.c, true
	}
	if podUID != "" {
		if k, ok := p.byUID[podUID]; ok {
			return k, event.Container{}, true
		}
	}
	return event.K8s{}, event.Container{}, false
}

func (p *Pods) update(o any) {
	pod, ok := o.(*corev1.Pod)
	if !ok {
		return
	}
	k := event.K8s{Namespace: pod.Namespace, Pod: pod.Name, PodUID: string(pod.UID), Labels: pod.Labels}
	for _, or := range pod.OwnerReferences {
		if or.Controller != nil && *or.Controller {
			k.Workload = or.Kind + "/" + or.Name
		}
	}
	images := map[string]string{}
	priv := map[string]bool{}
	for _, c := range append(append([]corev1.Container{}, pod.Spec.InitContainers...), pod.Spec.Containers...) {
		images[c.Name] = c.Image
		priv[c.Name] = c.SecurityContext != nil && c.SecurityContext.Privileged != nil && *c.SecurityContext.Privileged
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropUID(string(pod.UID))
	p.byUID[string(pod.UID)] = k
	statuses := append(append([]corev1.ContainerStatus{}, pod.Status.InitContainerStatuses...), pod.Status.ContainerStatuses...)
	for _, st := range statuses {
		runtime, id, ok := strings.Cut(st.ContainerID, "://")
		if !ok || id == "" {
			continue
		}
		img := images[st.Name]
		if img == "" {
			img = st.Image
		}
		c := event.Container{FullID: id, Name: st.Name, Image: img, Runtime: runtime, ImageDigest: st.ImageID, Privileged: priv[st.Name]}
		c.ImageRepository, c.ImageTag = SplitImage(img)
		p.byContainer[id] = podContainer{k8s: k, c: c}
	}
}

func (p *Pods) remove(o any) {
	if d, ok := o.(cache.DeletedFinalStateUnknown); ok {
		o = d.Obj
	}
	pod, ok := o.(*corev1.Pod)
	if !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropUID(string(pod.UID))
}

// dropUID removes a pod's entries (p.mu held).
func (p *Pods) dropUID(uid string) {
	delete(p.byUID, uid)
	for id, pc := range p.byContainer {
		if pc.k8s.PodUID == uid {
			delete(p.byContainer, id)
		}
	}
}
