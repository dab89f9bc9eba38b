package profile

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// clock is a fake clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

var web = event.Container{ID: "0123456789ab", Name: "web", Image: "registry.local/shop/web:1.4.2", Runtime: "docker"}

func exec(c event.Container, exe string) *event.Event {
	return &event.Event{Type: event.Execve, Proc: event.Process{PID: 77, Name: filepath.Base(exe), ExePath: exe}, Container: c}
}

func write(c event.Container, p string) *event.Event {
	return &event.Event{Type: event.Openat, Proc: event.Process{PID: 78, Name: "web", ExePath: "/usr/bin/web"},
		File: &event.File{Path: p, Flags: 0o1 | 0o100, FD: 4}, Container: c}
}

func connect(c event.Container, proto, server string) *event.Event {
	ap := netip.MustParseAddrPort(server)
	fam := uint8(4)
	if ap.Addr().Is6() && !ap.Addr().Is4In6() {
		fam = 6
	}
	return &event.Event{Type: event.Connect, Res: -115, Proc: event.Process{PID: 79, Name: "web", ExePath: "/usr/bin/web"},
		Net: &event.Net{Proto: proto, Family: fam, Client: netip.MustParseAddrPort("10.0.0.9:40000"), Server: ap, FD: 5}, Container: c}
}

func newProfiler(t *testing.T, cfg Config) *Profiler {
	t.Helper()
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

// learnWeb teaches a profile of the web workload and freezes it.
func learnWeb(t *testing.T, p *Profiler, c *clock) {
	t.Helper()
	for i := range 50 {
		for _, e := range []*event.Event{
			exec(web, "/usr/bin/web"),
			write(web, "/var/log/web/access.log"),
			write(web, fmt.Sprintf("/tmp/upload-%d", i)),
			connect(web, "tcp", "10.0.0.5:5432"),
		} {
			if fs := p.Handle(e); len(fs) != 0 {
				t.Fatalf("finding while learning: %v", fs)
			}
		}
		c.advance(time.Second)
	}
	c.advance(10 * time.Minute)
}

func TestLearnThenEnforce(t *testing.T) {
	type step struct {
		advance time.Duration
		ev      *event.Event
		want    string // check ID, "" for no finding
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"learned_behaviour_is_quiet", []step{
			{ev: exec(web, "/usr/bin/web")},
			{ev: write(web, "/var/log/web/access.log")},
			{ev: write(web, "/var/log/web/error.log")}, // known directory, not a system one
			{ev: write(web, "/tmp/upload-9999")},
			{ev: connect(web, "tcp", "10.0.0.5:5432")},
			{ev: connect(web, "tcp", "127.0.0.1:8080")}, // loopback is never profiled
			{ev: &event.Event{Type: event.Connect, Net: &event.Net{Proto: "unix", Path: "/run/x.sock"}, Container: web}},
			{ev: &event.Event{Type: event.Openat, File: &event.File{Path: "/etc/passwd"}, Container: web}}, // a read
		}},
		{"new_executable_once_per_hour", []step{
			{ev: exec(web, "/bin/sh"), want: CheckExec},
			{ev: exec(web, "/bin/sh")},
			{advance: 59 * time.Minute, ev: exec(web, "/bin/sh")},
			{advance: 2 * time.Minute, ev: exec(web, "/bin/sh"), want: CheckExec},
			{ev: exec(web, "/usr/bin/curl"), want: CheckExec},
		}},
		{"new_write_directory", []step{
			{ev: write(web, "/var/www/shell.php"), want: CheckFileWrite},
			{ev: write(web, "/var/www/other.php")},
		}},
		{"new_directory_under_etc", []step{
			{ev: write(web, "/etc/web/web.conf"), want: CheckFileWrite},
			{ev: write(web, "/etc/web/web.conf")},
		}},
		{"new_destination", []step{
			{ev: connect(web, "tcp", "203.0.113.7:4444"), want: CheckDestination},
			{ev: connect(web, "tcp", "203.0.113.7:4444")},
			{ev: connect(web, "udp", "10.0.0.5:5432"), want: CheckDestination}, // another protocol
		}},
		{"failed_exec_is_ignored", []step{
			{ev: &event.Event{Type: event.Execve, Res: -2, Proc: event.Process{ExePath: "/bin/nope"}, Container: web}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock()
			p := newProfiler(t, Config{Now: c.now})
			learnWeb(t, p, c)
			for i, s := range tc.steps {
				c.advance(s.advance)
				fs := p.Handle(s.ev)
				var got string
				if len(fs) > 1 {
					t.Fatalf("step %d: %d findings for one event", i, len(fs))
				}
				if len(fs) == 1 {
					got = fs[0].CheckID
				}
				if got != s.want {
					t.Errorf("step %d: finding %q, want %q (%v)", i, got, s.want, fs)
				}
			}
		})
	}
}

func TestSystemDirectoryNewFile(t *testing.T) {
	c := newClock()
	p := newProfiler(t, Config{Now: c.now})
	conf := event.Container{ID: "aaaaaaaaaaaa", Name: "proxy", Image: "nginx:1.27"}
	p.Handle(write(conf, "/etc/nginx/conf.d/default.conf")) // templated at start
	c.advance(11 * time.Minute)
	if fs := p.Handle(write(conf, "/etc/nginx/conf.d/default.conf")); len(fs) != 0 {
		t.Errorf("learned file: %v", fs)
	}
	fs := p.Handle(write(conf, "/etc/nginx/conf.d/backdoor.conf"))
	if len(fs) != 1 || fs[0].CheckID != CheckFileWrite || fs[0].Detail != "/etc/nginx/conf.d/backdoor.conf" {
		t.Fatalf("new file in a learned system directory: %v", fs)
	}
	if !strings.Contains(fs[0].Message, "new file /etc/nginx/conf.d/backdoor.conf") {
		t.Errorf("message %q", fs[0].Message)
	}
}

func TestFindingContent(t *testing.T) {
	c := newClock()
	p := newProfiler(t, Config{Now: c.now})
	learnWeb(t, p, c)
	fs := p.Handle(exec(web, "/bin/sh"))
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	f := fs[0]
	wantScore := Score(CheckExec, 50, 1, 0)
	checks := []struct{ what, got, want string }{
		{"domain", f.Domain, "runtime"},
		{"severity", f.Severity.String(), "MEDIUM"},
		{"target", f.Target, "registry.local/shop/web"},
		{"resource", f.Resource.Name, "registry.local/shop/web#web"},
		{"object", f.Location.Object, "container/0123456789ab"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.what, ch.got, ch.want)
		}
	}
	for _, w := range []string{fmt.Sprintf("score=%.2f", wantScore), "value=/bin/sh", "learned_values=1", "learning_observations=50", "repeats=0", "pid=77", "container_id=0123456789ab"} {
		if !strings.Contains(f.Evidence, w) {
			t.Errorf("evidence %q lacks %q", f.Evidence, w)
		}
	}
	for _, w := range []string{fmt.Sprintf("score %.2f", wantScore), "/bin/sh", "pid 77", "container 0123456789ab"} {
		if !strings.Contains(f.Message, w) {
			t.Errorf("message %q lacks %q", f.Message, w)
		}
	}
	// The fingerprint is stable for the same anomaly an hour later.
	c.advance(time.Hour)
	again := p.Handle(exec(web, "/bin/sh"))
	if len(again) != 1 || again[0].Fingerprint != f.Fingerprint {
		t.Fatalf("repeat = %v, want the same fingerprint %s", again, f.Fingerprint)
	}
	if !strings.Contains(again[0].Evidence, "repeats=1") {
		t.Errorf("repeat evidence %q, want repeats=1", again[0].Evidence)
	}
	if s1, s2 := evidenceScore(t, f), evidenceScore(t, again[0]); s2 >= s1 {
		t.Errorf("repeated anomaly score %v, want below the first %v", s2, s1)
	}
}

func evidenceScore(t *testing.T, f finding.Finding) float64 {
	t.Helper()
	var s float64
	for _, l := range strings.Split(f.Evidence, "\n") {
		if v, ok := strings.CutPrefix(l, "score="); ok {
			if _, err := fmt.Sscanf(v, "%g", &s); err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	t.Fatalf("no score in %q", f.Evidence)
	return 0
}

func TestFirstOutboundConnection(t *testing.T) {
	c := newClock()
	p := newProfiler(t, Config{Now: c.now})
	batch := event.Container{ID: "bbbbbbbbbbbb", Name: "batch", Image: "batch@sha256:" + strings.Repeat("a", 64)}
	for range 20 {
		p.Handle(exec(batch, "/app/batch"))
		p.Handle(write(batch, "/data/out.csv"))
		p.Handle(connect(batch, "tcp", "127.0.0.1:9000")) // loopback: still "never connects"
	}
	c.advance(10 * time.Minute)
	fs := p.Handle(connect(batch, "udp", "198.51.100.1:53"))
	if len(fs) != 1 || fs[0].CheckID != CheckFirstConnect || fs[0].Severity != finding.SeverityHigh {
		t.Fatalf("first outbound connection: %v", fs)
	}
	if !strings.Contains(fs[0].Evidence, "value=198.51.100.1:53/udp") {
		t.Errorf("evidence %q does not name the destination", fs[0].Evidence)
	}
	// One finding per workload per hour, whatever the destination.
	if fs := p.Handle(connect(batch, "tcp", "[2001:db8::1]:443")); len(fs) != 0 {
		t.Errorf("second outbound connection: %v", fs)
	}
	c.advance(time.Hour)
	if fs := p.Handle(connect(batch, "tcp", "[2001:db8::1]:443")); len(fs) != 1 || fs[0].CheckID != CheckFirstConnect {
		t.Errorf("an hour later: %v", fs)
	}
	// A workload that connected while learning gets WARD-RT-0112 instead.
	p2 := newProfiler(t, Config{Now: c.now})
	learnWeb(t, p2, c)
	if fs := p2.Handle(connect(web, "tcp", "198.51.100.1:53")); len(fs) != 1 || fs[0].CheckID != CheckDestination {
		t.Errorf("connected workload: %v", fs)
	}
}

func TestHostProcesses(t *testing.T) {
	c := newClock()
	host := event.Container{}
	off := newProfiler(t, Config{Now: c.now})
	off.Handle(exec(host, "/usr/sbin/sshd"))
	if n := len(off.Profiles()); n != 0 {
		t.Errorf("host profiled with Host off: %d profiles", n)
	}
	on := newProfiler(t, Config{Now: c.now, Host: true})
	on.Handle(exec(host, "/usr/sbin/sshd"))
	c.advance(10 * time.Minute)
	fs := on.Handle(exec(host, "/usr/bin/nc"))
	if len(fs) != 1 || fs[0].Resource.Name != HostKey || fs[0].Target != HostKey {
		t.Fatalf("host anomaly: %v", fs)
	}
	if ps := on.Profiles(); len(ps) != 1 || ps[0].Key != HostKey || !ps[0].Workload.Host {
		t.Errorf("host profile: %+v", ps)
	}
}

func TestWorkloadKey(t *testing.T) {
	tests := []struct {
		name string
		ev   event.Event
		want string
	}{
		{"image_repository_and_name", event.Event{Container: event.Container{ID: "x", Name: "web", Image: "r/web:1", ImageRepository: "r/web"}}, "r/web#web"},
		{"tag_stripped", event.Event{Container: event.Container{ID: "x", Name: "web", Image: "registry:5000/team/web:1.2"}}, "registry:5000/team/web#web"},
		{"digest_stripped", event.Event{Container: event.Container{ID: "x", Name: "web", Image: "web@sha256:abc"}}, "web#web"},
		{"registry_port_kept", event.Event{Container: event.Container{ID: "x", Name: "web", Image: "registry:5000/web"}}, "registry:5000/web#web"},
		{"deployment_pod_suffix", event.Event{Container: event.Container{ID: "x", Name: "app", Image: "shop"},
			K8s: event.K8s{Namespace: "prod", Pod: "checkout-7d4b9c6f5d-x2kqz"}}, "shop#prod/checkout/app"},
		{"statefulset_ordinal", event.Event{Container: event.Container{ID: "x", Name: "pg", Image: "postgres:17"},
			K8s: event.K8s{Namespace: "db", Pod: "postgres-2"}}, "postgres#db/postgres/pg"},
		{"cronjob_pod", event.Event{Container: event.Container{ID: "x", Image: "backup"},
			K8s: event.K8s{Namespace: "ops", Pod: "backup-28371540-q7mzd"}}, "backup#ops/backup"},
		{"daemonset_words_kept", event.Event{Container: event.Container{ID: "x", Image: "agent"},
			K8s: event.K8s{Namespace: "kube-system", Pod: "node-agent-backend"}}, "agent#kube-system/node-agent-backend"},
		{"workload_given", event.Event{Container: event.Container{ID: "x", Name: "app", Image: "shop"},
			K8s: event.K8s{Namespace: "prod", Pod: "checkout-abc", Workload: "Deployment/checkout"}}, "shop#prod/Deployment/checkout/app"},
		{"dockershim_name", event.Event{Container: event.Container{ID: "x", Name: "k8s_app_checkout-7d4b9c6f5d-x2kqz_prod_0b1c_0", Image: "shop"},
			K8s: event.K8s{Namespace: "prod", Pod: "checkout-7d4b9c6f5d-x2kqz"}}, "shop#prod/checkout/app"},
		{"no_image_no_name", event.Event{Container: event.Container{ID: "deadbeef0000"}}, "#deadbeef0000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, ok := workloadOf(&tc.ev, false)
			if !ok || got != tc.want {
				t.Errorf("key = %q (%v), want %q", got, ok, tc.want)
			}
		})
	}
	// Two pods of one Deployment share a profile.
	a, _, _ := workloadOf(&event.Event{Container: event.Container{ID: "1", Name: "app", Image: "shop:1"}, K8s: event.K8s{Namespace: "p", Pod: "co-6f9c7b8d4-bcdfg"}}, false)
	b, _, _ := workloadOf(&event.Event{Container: event.Container{ID: "2", Name: "app", Image: "shop:2"}, K8s: event.K8s{Namespace: "p", Pod: "co-6f9c7b8d4-zz2x9"}}, false)
	if a != b {
		t.Errorf("pods of one deployment: keys %q and %q differ", a, b)
	}
}

func TestPersistAndReload(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	p := newProfiler(t, Config{Now: c.now, Dir: dir})
	learnWeb(t, p, c)
	// A second workload still learning when the agent stops.
	young := event.Container{ID: "cccccccccccc", Name: "young", Image: "young:1"}
	p.Handle(exec(young, "/app/young"))
	// The first event after the window freezes the web profile.
	if fs := p.Handle(exec(web, "/usr/bin/web")); len(fs) != 0 {
		t.Fatalf("learned exe: %v", fs)
	}
	if err := p.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 2 {
		t.Fatalf("files %v, want one per workload", files)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	// Restart with a much longer learning window: the frozen profile stays
	// frozen, the young one keeps its own window.
	p2 := newProfiler(t, Config{Now: c.now, Dir: dir, Learn: 24 * time.Hour})
	ps := p2.Profiles()
	if len(ps) != 2 {
		t.Fatalf("reloaded %d profiles, want 2", len(ps))
	}
	byKey := map[string]Profile{}
	for _, pr := range ps {
		byKey[pr.Key] = pr
	}
	if s := byKey["registry.local/shop/web#web"]; s.State != StateEnforcing || !cmp.Equal(s.Executables, []string{"/usr/bin/web"}) {
		t.Errorf("web after reload: %+v", s)
	}
	if s := byKey["young#young"]; s.State != StateLearning {
		t.Errorf("young after reload: state %s, want learning", s.State)
	}
	if fs := p2.Handle(exec(web, "/usr/bin/web")); len(fs) != 0 {
		t.Errorf("learned exe after reload: %v", fs)
	}
	if fs := p2.Handle(exec(web, "/usr/bin/wget")); len(fs) != 1 || fs[0].CheckID != CheckExec {
		t.Errorf("new exe after reload: %v", fs)
	}
	p2.Handle(exec(young, "/app/helper")) // still learning
	c.advance(10 * time.Minute)
	if fs := p2.Handle(exec(young, "/app/helper")); len(fs) != 0 {
		t.Errorf("young learned /app/helper before its window closed, got %v", fs)
	}
	if fs := p2.Handle(exec(young, "/bin/bash")); len(fs) != 1 {
		t.Errorf("young enforces after its original window: %v", fs)
	}
}

func TestCorruptProfileFileIsSkipped(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	p := newProfiler(t, Config{Now: c.now, Dir: dir})
	learnWeb(t, p, c)
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"version":1,"key":`), 0o600); err != nil {
		t.Fatal(err)
	}
	p2 := newProfiler(t, Config{Now: c.now, Dir: dir})
	if ps := p2.Profiles(); len(ps) != 1 || ps[0].Key != "registry.local/shop/web#web" {
		t.Errorf("profiles after a corrupt file: %+v", ps)
	}
}

func TestExport(t *testing.T) {
	c := newClock()
	p := newProfiler(t, Config{Now: c.now})
	learnWeb(t, p, c)
	p.Handle(exec(web, "/usr/bin/web")) // freezes
	p.Handle(exec(event.Container{ID: "cccccccccccc", Name: "young", Image: "young:1"}, "/app/young"))
	var buf bytes.Buffer
	if err := p.Export(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "export.golden.json")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("export (-golden +got):\n%s", diff)
	}

	// The facts that matter, read back as a consumer would.
	var doc struct {
		Version  int `json:"version"`
		Profiles []struct {
			Key          string   `json:"key"`
			State        string   `json:"state"`
			Executables  []string `json:"executables"`
			WriteDirs    []string `json:"writeDirs"`
			WriteFiles   []string `json:"writeFiles"`
			Destinations []string `json:"destinations"`
		} `json:"profiles"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || len(doc.Profiles) != 2 {
		t.Fatalf("version %d, %d profiles; want 1 and 2", doc.Version, len(doc.Profiles))
	}
	w := doc.Profiles[0]
	if w.Key != "registry.local/shop/web#web" || w.State != StateEnforcing {
		t.Errorf("first profile %s %s, want the web workload enforcing", w.Key, w.State)
	}
	if diff := cmp.Diff([]string{"/tmp", "/var/log/web"}, w.WriteDirs); diff != "" {
		t.Errorf("writeDirs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"/var/log/web/access.log"}, w.WriteFiles); diff != "" {
		t.Errorf("writeFiles: /tmp files must not be listed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"10.0.0.5:5432/tcp"}, w.Destinations); diff != "" {
		t.Errorf("destinations (-want +got):\n%s", diff)
	}
	if doc.Profiles[1].State != StateLearning {
		t.Errorf("young profile state %s, want learning", doc.Profiles[1].State)
	}
}

func TestMaxEntriesBoundsMemory(t *testing.T) {
	c := newClock()
	p := newProfiler(t, Config{Now: c.now, MaxEntries: 3})
	for i := range 10 {
		p.Handle(exec(web, fmt.Sprintf("/usr/bin/tool%d", i)))
		p.Handle(write(web, "/var/log/web/x.log"))
	}
	ps := p.Profiles()
	if len(ps) != 1 {
		t.Fatalf("%d profiles", len(ps))
	}
	if n := len(ps[0].Executables); n != 3 {
		t.Errorf("%d executables recorded, want MaxEntries 3", n)
	}
	if diff := cmp.Diff([]string{"executables"}, ps[0].Overflow); diff != "" {
		t.Errorf("overflow (-want +got):\n%s", diff)
	}
	c.advance(10 * time.Minute)
	// An overflowed list is incomplete: it is not enforced.
	if fs := p.Handle(exec(web, "/usr/bin/tool99")); len(fs) != 0 {
		t.Errorf("overflowed executables enforced: %v", fs)
	}
	// Other lists are; the distinct anomalies tracked are bounded too
	// (4 × MaxEntries per hour).
	n := 0
	for i := range 100 {
		n += len(p.Handle(write(web, fmt.Sprintf("/srv/d%d/f", i))))
	}
	if n != 12 {
		t.Errorf("%d findings for 100 new directories, want 12 (the tracking bound)", n)
	}
	p.mu.Lock()
	tracked := len(p.profiles["registry.local/shop/web#web"].anomalies)
	p.mu.Unlock()
	if tracked > 12 {
		t.Errorf("%d anomalies tracked, want at most 12", tracked)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name  string
		check string
		n     int64
		d     int
		r     int64
		want  float64
	}{
		{"no_observations_is_base", CheckExec, 0, 0, 0, 0.6},
		{"stable_profile_raises", CheckExec, 1000, 0, 0, 1},
		{"typical", CheckExec, 200, 3, 0, 0.82},
		{"diverse_profile_stays_near_base", CheckFileWrite, 1000, 500, 0, 0.41},
		{"repeat_lowers", CheckExec, 200, 3, 1, 0.49},
		{"many_repeats", CheckExec, 200, 3, 1000, 0.10},
		{"first_connect", CheckFirstConnect, 1000, 0, 0, 1},
		{"unknown_check", "WARD-RT-9999", 10, 1, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Score(tc.check, tc.n, tc.d, tc.r); got != tc.want {
				t.Errorf("Score = %v, want %v", got, tc.want)
			}
		})
	}
	for _, check := range []string{CheckExec, CheckFileWrite, CheckDestination, CheckFirstConnect} {
		for _, n := range []int64{0, 1, 10, 100, 1000, 1 << 40} {
			for _, d := range []int{0, 1, 10, 1000} {
				for _, r := range []int64{0, 1, 100} {
					s := Score(check, n, d, r)
					if s < 0 || s > 1 {
						t.Fatalf("Score(%s,%d,%d,%d) = %v, outside [0,1]", check, n, d, r, s)
					}
					if more := Score(check, n*2+1, d, r); more < s {
						t.Errorf("more observations lowered the score: %v < %v", more, s)
					}
					if wider := Score(check, n, d+1, r); wider > s {
						t.Errorf("more distinct values raised the score: %v > %v", wider, s)
					}
					if again := Score(check, n, d, r+1); again > s {
						t.Errorf("a repeat raised the score: %v > %v", again, s)
					}
				}
			}
		}
	}
}

func TestConfigErrors(t *testing.T) {
	if _, err := New(Config{Learn: -time.Second}); err == nil {
		t.Error("negative Learn accepted")
	}
	if _, err := New(Config{MaxEntries: -1}); err == nil {
		t.Error("negative MaxEntries accepted")
	}
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Dir: f}); err == nil {
		t.Error("a file as Dir accepted")
	}
}
