// Package profile learns the behaviour of each workload — the executables
// it runs, where it writes files, where it connects — during a learning
// window, then freezes the profile and reports what departs from it as
// anomaly findings (WARD-RT-0110 … 0113), each with a score in [0,1].
//
// Lifecycle: New loads the persisted profiles from Config.Dir; the agent
// calls Handle with every enriched event and forwards the findings it
// returns; Save persists the profiles (call it periodically and at
// shutdown); Export and Profiles show them. All methods are safe for
// concurrent use. See docs/runtime-fim-profiles.md for the key, the file
// formats and the score formula.
package profile

import (
	"fmt"
	"log/slog"
	"math"
	"net/netip"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

// Defaults applied when a Config field is zero.
const (
	DefaultLearn      = 10 * time.Minute
	DefaultMaxEntries = 1000
)

// Limits.
const (
	// MaxProfiles bounds the workloads profiled; events of further
	// workloads are ignored (and logged once).
	MaxProfiles = 10_000
	// MaxValueLen bounds one recorded value (a path or destination);
	// longer values are not recorded and not judged.
	MaxValueLen = 4096
	// dedupWindow is how long a reported anomaly stays quiet.
	dedupWindow = time.Hour
)

// Check IDs of the anomaly findings, stable forever.
const (
	CheckExec         = "WARD-RT-0110"
	CheckFileWrite    = "WARD-RT-0111"
	CheckDestination  = "WARD-RT-0112"
	CheckFirstConnect = "WARD-RT-0113"
)

// States of a profile.
const (
	StateLearning  = "learning"
	StateEnforcing = "enforcing"
)

// Config configures a Profiler; the zero value means defaults.
type Config struct {
	// Learn is the learning window, counted from a workload's first
	// event. 0 means DefaultLearn.
	Learn time.Duration
	// Dir holds the persisted profiles, one JSON file per workload; ""
	// keeps them in memory only.
	Dir string
	// Host profiles host processes (events with no container) under the
	// key "host"; otherwise they are ignored.
	Host bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxEntries bounds each kind of value (executables, write
	// directories, written files, destinations) in one profile. 0 means
	// DefaultMaxEntries.
	MaxEntries int
}

// Profiler holds one profile per workload.
type Profiler struct {
	learn      time.Duration
	dir        string
	host       bool
	now        func() time.Time
	maxEntries int
	log        *slog.Logger

	mu       sync.Mutex
	profiles map[string]*profile
	full     bool // MaxProfiles reached (logged once)
}

// kind is what a profile records.
type kind int

const (
	kindExec kind = iota
	kindDir
	kindFile
	kindDest
	numKinds
)

var kindNames = [numKinds]string{"executables", "writeDirs", "writeFiles", "destinations"}

// profile is the live state of one workload.
type profile struct {
	key        string
	wl         Workload
	enforcing  bool
	firstSeen  time.Time
	learnUntil time.Time
	obs        Counts
	sets       [numKinds]map[string]struct{}
	overflow   [numKinds]bool
	anomalies  map[string]*anomaly
	dirty      bool
}

// anomaly tracks one distinct anomaly of a workload.
type anomaly struct {
	last     time.Time // when it was last reported
	reported int
	events   int64 // occurrences, reported or not
}

func newProfile(key string, wl Workload) *profile {
	p := &profile{key: key, wl: wl, anomalies: map[string]*anomaly{}}
	for k := range p.sets {
		p.sets[k] = map[string]struct{}{}
	}
	return p
}

// New loads the persisted profiles from cfg.Dir (creating it when it does
// not exist). A profile file that cannot be read or parsed is skipped with
// a warning and its workload learns afresh; an unreadable Dir is an error.
func New(cfg Config) (*Profiler, error) {
	p := &Profiler{
		learn:      cfg.Learn,
		dir:        cfg.Dir,
		host:       cfg.Host,
		now:        cfg.Now,
		maxEntries: cfg.MaxEntries,
		log:        slog.Default().With(slog.String(logKeyComponent, "profile")),
		profiles:   map[string]*profile{},
	}
	switch {
	case p.learn < 0:
		return nil, fmt.Errorf("profile: Learn %s is negative", p.learn)
	case p.learn == 0:
		p.learn = DefaultLearn
	}
	switch {
	case p.maxEntries < 0:
		return nil, fmt.Errorf("profile: MaxEntries %d is negative", p.maxEntries)
	case p.maxEntries == 0:
		p.maxEntries = DefaultMaxEntries
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.dir != "" {
		if err := p.load(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Log attribute keys.
const (
	logKeyComponent = "component"
	logKeyFile      = "file"
	logKeyDir       = "dir"
	logKeyWorkload  = "workload"
	logKeyLimit     = "limit"
	logKeyError     = "error"
	logKeyCount     = "count"
)

// Handle records e in its workload's profile while the profile learns, and
// returns the anomaly findings once it enforces. Events of host processes
// (unless Config.Host) and events that carry nothing a profile records
// return nil.
func (p *Profiler) Handle(e *event.Event) []finding.Finding {
	if e == nil {
		return nil
	}
	key, wl, ok := workloadOf(e, p.host)
	if !ok {
		return nil
	}
	obs := observe(e)
	now := p.now()

	p.mu.Lock()
	defer p.mu.Unlock()
	pr := p.profiles[key]
	if pr == nil {
		if len(p.profiles) >= MaxProfiles {
			if !p.full {
				p.full = true
				p.log.Warn("profile limit reached; new workloads are not profiled", slog.Int(logKeyLimit, MaxProfiles))
			}
			return nil
		}
		pr = newProfile(key, wl)
		pr.firstSeen = now.UTC()
		pr.learnUntil = now.Add(p.learn).UTC()
		pr.dirty = true
		p.profiles[key] = pr
	}
	if !pr.enforcing && !now.Before(pr.learnUntil) {
		pr.enforcing = true
		pr.dirty = true
	}
	if len(obs.values) == 0 {
		return nil
	}
	if !pr.enforcing {
		p.record(pr, obs)
		return nil
	}
	if f, ok := p.judge(pr, obs, e, now); ok {
		return []finding.Finding{f}
	}
	return nil
}

// observation is what one event shows: values of one counted activity.
type observation struct {
	activity activity
	values   []kv // at most one per kind
}

type kv struct {
	kind  kind
	value string
}

// activity is what the observation counts as (Counts).
type activity int

const (
	actNone activity = iota
	actExec
	actWrite
	actConnect
)

// Linux open(2) flags that make an open a write (the kernel's values).
const writeFlags = 0o1 | 0o2 | 0o100 | 0o1000 // O_WRONLY | O_RDWR | O_CREAT | O_TRUNC

// observe extracts what a profile records from e.
func observe(e *event.Event) observation {
	switch e.Type {
	case event.Execve, event.Execveat:
		if e.Res < 0 {
			return observation{}
		}
		exe := e.Proc.ExePath
		if exe == "" && e.File != nil {
			exe = e.File.Path
		}
		if exe = cleanPath(exe); exe == "" {
			return observation{}
		}
		return observation{actExec, []kv{{kindExec, exe}}}
	case event.Open, event.Openat, event.Openat2:
		if e.Res < 0 || e.File == nil || e.File.Flags&writeFlags == 0 {
			return observation{}
		}
		return written(e.File.Path)
	case event.Rename, event.Renameat, event.Renameat2:
		if e.Res < 0 || e.File == nil {
			return observation{}
		}
		return written(e.File.NewPath)
	case event.Connect:
		d := destination(e.Net)
		if d == "" {
			return observation{}
		}
		return observation{actConnect, []kv{{kindDest, d}}}
	}
	return observation{}
}

// written records a file write: its directory, and the exact path unless
// it is under /tmp, /proc or /dev (names there are often random).
func written(p string) observation {
	p = cleanPath(p)
	if p == "" || p == "/" {
		return observation{}
	}
	o := observation{actWrite, []kv{{kindDir, path.Dir(p)}}}
	if !volatile(p) {
		o.values = append(o.values, kv{kindFile, p})
	}
	return o
}

func cleanPath(p string) string {
	if !path.IsAbs(p) || len(p) > MaxValueLen || strings.IndexByte(p, 0) >= 0 {
		return ""
	}
	return path.Clean(p)
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func volatile(p string) bool { return under(p, "/tmp") || under(p, "/proc") || under(p, "/dev") }

// sensitiveDirs are system locations where a new file name is an anomaly
// even in a directory the workload wrote to while learning.
var sensitiveDirs = []string{
	"/etc", "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin",
	"/lib", "/lib64", "/usr/lib", "/boot", "/root", "/var/spool/cron",
}

func sensitive(p string) bool {
	for _, d := range sensitiveDirs {
		if under(p, d) {
			return true
		}
	}
	return false
}

// destination is a connect's server as "ip:port/proto"; "" for unix
// sockets, loopback and unusable addresses.
func destination(n *event.Net) string {
	if n == nil || n.Proto == "unix" || n.Family == 0 || !n.Server.IsValid() {
		return ""
	}
	a := n.Server.Addr().Unmap()
	if a.IsLoopback() || a.IsUnspecified() {
		return ""
	}
	proto := n.Proto
	if proto == "" {
		proto = "tcp"
	}
	return netip.AddrPortFrom(a.WithZone(""), n.Server.Port()).String() + "/" + proto
}

// record adds a learning observation to pr.
func (p *Profiler) record(pr *profile, o observation) {
	switch o.activity {
	case actExec:
		pr.obs.Exec++
	case actWrite:
		pr.obs.Write++
	case actConnect:
		pr.obs.Connect++
	}
	for _, v := range o.values {
		set := pr.sets[v.kind]
		if _, ok := set[v.value]; ok {
			continue
		}
		if len(set) >= p.maxEntries {
			if !pr.overflow[v.kind] {
				p.log.Warn("profile kind full; it will not be enforced", slog.String(logKeyWorkload, pr.key),
					slog.String("kind", kindNames[v.kind]), slog.Int(logKeyLimit, p.maxEntries))
			}
			pr.overflow[v.kind] = true
			continue
		}
		set[v.value] = struct{}{}
	}
	pr.dirty = true
}

// judge checks an observation against a frozen profile and returns the
// finding for the first anomaly it shows, unless that anomaly was
// reported within the last hour.
func (p *Profiler) judge(pr *profile, o observation, e *event.Event, now time.Time) (finding.Finding, bool) {
	known := func(k kind, v string) bool {
		_, ok := pr.sets[k][v]
		return ok || pr.overflow[k]
	}
	for _, v := range o.values {
		switch v.kind {
		case kindExec:
			if !known(kindExec, v.value) {
				return p.anomaly(pr, CheckExec, v.value, v.value, e, now)
			}
		case kindDir:
			if !known(kindDir, v.value) {
				return p.anomaly(pr, CheckFileWrite, v.value, v.value, e, now)
			}
		case kindFile:
			if sensitive(v.value) && !known(kindFile, v.value) {
				return p.anomaly(pr, CheckFileWrite, v.value, v.value, e, now)
			}
		case kindDest:
			switch {
			case pr.overflow[kindDest]:
			case len(pr.sets[kindDest]) == 0:
				// One anomaly per workload, whatever the destination.
				return p.anomaly(pr, CheckFirstConnect, "outbound", v.value, e, now)
			case !known(kindDest, v.value):
				return p.anomaly(pr, CheckDestination, v.value, v.value, e, now)
			}
		}
	}
	return finding.Finding{}, false
}

// anomaly counts one occurrence of an anomaly (identified by check and
// id) and returns its finding unless it was reported within the hour.
func (p *Profiler) anomaly(pr *profile, check, id, value string, e *event.Event, now time.Time) (finding.Finding, bool) {
	k := check + "\x00" + id
	a := pr.anomalies[k]
	if a == nil {
		limit := 4 * p.maxEntries
		if len(pr.anomalies) >= limit {
			for ak, av := range pr.anomalies {
				if now.Sub(av.last) >= dedupWindow {
					delete(pr.anomalies, ak)
				}
			}
		}
		if len(pr.anomalies) >= limit {
			// Too many distinct anomalies this hour: the workload is far
			// from its profile and already reported many times over.
			return finding.Finding{}, false
		}
		a = &anomaly{}
		pr.anomalies[k] = a
	}
	repeats := a.events
	a.events++
	if a.reported > 0 && now.Sub(a.last) < dedupWindow {
		return finding.Finding{}, false
	}
	a.reported++
	a.last = now
	return p.finding(pr, check, value, repeats, e), true
}

// Score bases by check: how suspicious the anomaly is on its own.
var scoreBase = map[string]float64{
	CheckExec:         0.6,
	CheckFileWrite:    0.4,
	CheckDestination:  0.5,
	CheckFirstConnect: 0.7,
}

// Score computes an anomaly's score in [0,1]:
//
//	C = min(1, ln(1+n) / ln(1+1000))   confidence: n learning observations
//	U = 8 / (8 + d)                    uniformity: d distinct values learned
//	S = C × U                          stability of the profile
//	R = 1 / (1 + ln(1+r))              r earlier occurrences of this anomaly
//	score = (base + (1 − base) × S) × R, rounded to two decimals
//
// n and d are of the anomaly's kind (executions and executables; writes
// and write directories; connections and destinations); for
// WARD-RT-0113, n counts every learning observation and d is 0.
func Score(check string, n int64, d int, r int64) float64 {
	base, ok := scoreBase[check]
	if !ok {
		return 0
	}
	c := math.Min(1, math.Log1p(float64(max(n, 0)))/math.Log1p(1000))
	u := 8 / (8 + float64(max(d, 0)))
	s := c * u
	rep := 1 / (1 + math.Log1p(float64(max(r, 0))))
	v := (base + (1-base)*s) * rep
	return math.Round(math.Min(1, math.Max(0, v))*100) / 100
}

// scoreInputs are n and d of Score for a check on pr.
func scoreInputs(pr *profile, check string) (n int64, d int) {
	switch check {
	case CheckExec:
		return pr.obs.Exec, len(pr.sets[kindExec])
	case CheckFileWrite:
		return pr.obs.Write, len(pr.sets[kindDir])
	case CheckDestination:
		return pr.obs.Connect, len(pr.sets[kindDest])
	}
	return pr.obs.Exec + pr.obs.Write + pr.obs.Connect, 0
}

// Workload identifies what a profile is about.
type Workload struct {
	// Image is the container image's repository (no tag or digest).
	Image string `json:"image,omitempty"`
	// Name is the container name, or for a Kubernetes pod
	// "namespace/workload/container".
	Name      string `json:"name,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	// Host is set for the host profile.
	Host bool `json:"host,omitempty"`
}

// HostKey is the key of the host processes' profile.
const HostKey = "host"

// workloadOf returns the profile key of e's workload:
//
//   - host processes: "host", when host profiling is on;
//   - Kubernetes pods: "<image>#<namespace>/<workload>/<container>", the
//     workload being K8s.Workload ("Deployment/web") or the pod name with
//     its generated suffixes stripped ("web-7d4b9c6f5d-x2kqz" → "web");
//   - other containers: "<image>#<container name>".
//
// The image is Container.ImageRepository, or Container.Image without tag
// and digest, so a new image version keeps its profile.
func workloadOf(e *event.Event, host bool) (string, Workload, bool) {
	c := e.Container
	if c.ID == "" {
		if !host {
			return "", Workload{}, false
		}
		return HostKey, Workload{Host: true}, true
	}
	img := imageRepo(c)
	name := containerName(c.Name)
	var wl Workload
	if e.K8s.Pod != "" || e.K8s.Workload != "" {
		w := e.K8s.Workload
		if w == "" {
			w = stripPodSuffix(e.K8s.Pod)
		}
		n := e.K8s.Namespace + "/" + w
		if name != "" {
			n += "/" + name
		}
		wl = Workload{Image: img, Name: n, Namespace: e.K8s.Namespace}
	} else {
		wl = Workload{Image: img, Name: name}
	}
	if wl.Image == "" && wl.Name == "" {
		wl.Name = c.ID
	}
	key := wl.Image + "#" + wl.Name
	if len(key) > MaxValueLen {
		key = key[:MaxValueLen]
	}
	return key, wl, true
}

// imageRepo is the image's repository without tag or digest.
func imageRepo(c event.Container) string {
	if c.ImageRepository != "" {
		return c.ImageRepository
	}
	img := c.Image
	if i := strings.IndexByte(img, '@'); i >= 0 {
		img = img[:i]
	}
	if strings.HasPrefix(img, "sha256:") {
		return img // an image ID, not a reference
	}
	if i := strings.LastIndexByte(img, ':'); i > strings.LastIndexByte(img, '/') {
		img = img[:i]
	}
	return img
}

// containerName undoes dockershim's naming of Kubernetes containers
// ("k8s_<container>_<pod>_<namespace>_<uid>_<attempt>").
func containerName(n string) string {
	n = strings.TrimPrefix(n, "/")
	if parts := strings.Split(n, "_"); len(parts) >= 6 && parts[0] == "k8s" {
		return parts[1]
	}
	return n
}

// podAlphabet is the alphabet of the random suffixes Kubernetes generates
// (no vowels, so words are never mistaken for one).
const podAlphabet = "bcdfghjklmnpqrstvwxz2456789"

func isGenerated(s string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for _, c := range []byte(s) {
		if strings.IndexByte(podAlphabet, c) < 0 {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// stripPodSuffix removes the generated parts of a pod name: the 5-character
// random suffix and then a ReplicaSet's pod-template hash or a CronJob's
// schedule time (web-7d4b9c6f5d-x2kqz, backup-28371540-q7mzd → web,
// backup), or a StatefulSet's ordinal (db-0 → db).
func stripPodSuffix(pod string) string {
	parts := strings.Split(pod, "-")
	last := func() string { return parts[len(parts)-1] }
	switch {
	case len(parts) >= 2 && isGenerated(last(), 5, 5):
		parts = parts[:len(parts)-1]
		if len(parts) >= 2 && (isGenerated(last(), 6, 10) || isDigits(last())) {
			parts = parts[:len(parts)-1]
		}
	case len(parts) >= 2 && isDigits(last()):
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, "-")
}

// sortedKeys returns a set's values in order.
func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
