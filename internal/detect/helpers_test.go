package detect

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/event"
)

// Event builders for tests. proc makes a process; the builders make
// events; the mods adjust them.

var testTime = time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.UTC)

func proc(name string, args ...string) event.Process {
	return event.Process{
		PID: 4242, TID: 4242, PPID: 4000, Name: name, Comm: name, Exe: name, ExePath: "/usr/bin/" + name,
		Args: args, Cwd: "/root", LoginUID: -1, VPID: 4242, SID: 4000,
	}
}

type mod func(*event.Event)

func newEvent(t event.Type, p event.Process, mods ...mod) *event.Event {
	e := &event.Event{Time: testTime, Type: t, Proc: p, User: event.User{UID: 0, Name: "root", LoginUID: -1}}
	for _, m := range mods {
		m(e)
	}
	return e
}

func execEv(p event.Process, mods ...mod) *event.Event {
	return newEvent(event.Execve, p, append([]mod{func(e *event.Event) {
		e.File = &event.File{Path: e.Proc.ExePath, FD: -1}
	}}, mods...)...)
}

func openEv(p event.Process, path string, flags, mode uint32, mods ...mod) *event.Event {
	return newEvent(event.Openat, p, append([]mod{func(e *event.Event) {
		e.Res = 3
		e.File = &event.File{Path: path, Flags: flags, Mode: mode, FD: 3}
	}}, mods...)...)
}

func connectEv(p event.Process, client, server string, mods ...mod) *event.Event {
	return newEvent(event.Connect, p, append([]mod{func(e *event.Event) {
		c, s := netip.MustParseAddrPort(client), netip.MustParseAddrPort(server)
		fam := uint8(4)
		if s.Addr().Is6() {
			fam = 6
		}
		e.Net = &event.Net{Proto: "tcp", Family: fam, Client: c, Server: s, FD: 5}
	}}, mods...)...)
}

func unixConnectEv(p event.Process, path string, mods ...mod) *event.Event {
	return newEvent(event.Connect, p, append([]mod{func(e *event.Event) {
		e.Net = &event.Net{Proto: "unix", Path: path, FD: 5}
	}}, mods...)...)
}

func inCtr(e *event.Event) {
	e.Container = event.Container{ID: "3ad7b26ded6d", FullID: "3ad7b26ded6d" + strings.Repeat("0", 52), Name: "web-1",
		Runtime: "containerd", Image: "docker.io/library/nginx:1.27", ImageRepository: "docker.io/library/nginx",
		ImageTag: "1.27", ImageDigest: "sha256:abc"}
}

func inPod(e *event.Event) {
	inCtr(e)
	e.K8s = event.K8s{Namespace: "shop", Pod: "web-7d9f", PodUID: "3e41dc6b-08a8-44db-bc2a-3724b18ab19a",
		Labels: map[string]string{"app": "web", "tier": "front"}}
}

func ancestors(names ...string) mod {
	return func(e *event.Event) {
		e.Proc.Ancestors = nil
		for i, n := range names {
			e.Proc.Ancestors = append(e.Proc.Ancestors, event.Ancestor{PID: uint32(4000 - i), Name: n, ExePath: "/usr/bin/" + n})
		}
	}
}

func uid(u uint32) mod {
	return func(e *event.Event) {
		e.User.UID, e.Proc.UID, e.Proc.EUID = u, u, u
		e.User.Name = "u" + strconv.Itoa(int(u))
	}
}

func vpid(v uint32) mod { return func(e *event.Event) { e.Proc.VPID = v } }

func res(r int64) mod { return func(e *event.Event) { e.Res = r } }

// ruleFile wraps one condition and output into a rules file.
func ruleFile(cond, output string) File {
	return File{Path: "t.yaml", Data: fmt.Appendf(nil, "- rule: r\n  desc: d\n  condition: %s\n  output: %s\n  priority: INFO\n",
		strconv.Quote(cond), strconv.Quote(output))}
}

// loadOK loads files and fails the test on any load error.
func loadOK(t testing.TB, files ...File) (*Engine, *Report) {
	t.Helper()
	eng, rep := Load(files, Config{Hostname: "node-1"})
	for _, e := range rep.Errors {
		t.Errorf("load error: %v", e)
	}
	return eng, rep
}

// evalCond reports whether cond matches e (the rule must load active).
func evalCond(t testing.TB, cond string, e *event.Event) bool {
	t.Helper()
	eng, rep := loadOK(t, ruleFile(cond, "x"))
	if len(rep.Rules) != 1 || rep.Rules[0].Status != StatusActive {
		t.Fatalf("condition %q did not load active: %+v", cond, rep.Rules)
	}
	return len(eng.Match(e)) == 1
}

// render returns %field rendered for e.
func render(t testing.TB, field string, e *event.Event) string {
	t.Helper()
	eng, _ := loadOK(t, ruleFile("evt.dir = <", "%"+field))
	m := eng.Match(e)
	if len(m) != 1 {
		t.Fatalf("the always-true rule did not match")
	}
	return m[0].Output
}

func matchNames(eng *Engine, e *event.Event) []string {
	var out []string
	for _, m := range eng.Match(e) {
		out = append(out, m.Rule.Name)
	}
	return out
}

// repoRoot walks up to the directory holding the main go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/wardsec/ward\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("repository root (go.mod) not found")
		}
		dir = parent
	}
}

// corpusFiles reads the falcosecurity rule files of the shared corpus
// (every *.yaml there; all are syscall rules), falco_rules.yaml first and
// the others by name, as Falco's default configuration loads them.
func corpusFiles(t testing.TB) []File {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "..", "shared", "corpora", "falco-rules")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(paths) == 0 {
		t.Fatalf("no falcosecurity rules in %s: the shared corpus must be checked out beside the repository", dir)
	}
	slices.SortFunc(paths, func(a, b string) int {
		if (filepath.Base(a) == "falco_rules.yaml") != (filepath.Base(b) == "falco_rules.yaml") {
			if filepath.Base(a) == "falco_rules.yaml" {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	var files []File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: filepath.Base(p), Data: b})
	}
	return files
}
