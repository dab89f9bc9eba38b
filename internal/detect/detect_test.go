package detect

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/tools/txtar"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/parse/falco"
)

// txtarFiles reads a multi-file case: each archive member is a rules file,
// loaded in archive order.
func txtarFiles(t testing.TB, name string) []File {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var files []File
	for _, f := range ar.Files {
		files = append(files, File{Path: f.Name, Data: f.Data})
	}
	return files
}

func TestLoadOverrides(t *testing.T) {
	eng, rep := loadOK(t, txtarFiles(t, "override.txtar")...)
	want := []RuleStatus{
		{Name: "Shell in container", Path: "base.yaml", Line: 9, Status: StatusActive, Enabled: true},
		{Name: "Read shadow", Path: "base.yaml", Line: 25, Status: StatusActive, Enabled: true},
		{Name: "Old rule", Path: "base.yaml", Line: 35, Status: StatusDisabled},
	}
	if diff := cmp.Diff(want, rep.Rules); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	rules := eng.Rules()
	if len(rules) != 2 {
		t.Fatalf("want 2 active rules, got %d", len(rules))
	}
	shell := rules[0]
	if shell.Priority != falco.PriorityError || shell.Severity != finding.SeverityHigh {
		t.Errorf("priority replaced by the override: %v %v", shell.Priority, shell.Severity)
	}
	if diff := cmp.Diff([]string{"a", "WARD-RT-0042", "b"}, shell.Tags); diff != "" {
		t.Errorf("tags appended (-want +got):\n%s", diff)
	}
	if shell.CheckID != "WARD-RT-0042" || rules[1].CheckID != "Read shadow" {
		t.Errorf("check IDs: %q %q", shell.CheckID, rules[1].CheckID)
	}
	if diff := cmp.Diff([]event.Type{event.Execve}, shell.EventTypes); diff != "" {
		t.Errorf("event types (-want +got):\n%s", diff)
	}

	shellIn := func(name string, mods ...mod) *event.Event {
		return execEv(proc(name), append([]mod{inCtr}, mods...)...)
	}
	reader := func(name, parent string) *event.Event {
		return openEv(proc(name), "/etc/shadow", 0, 0, ancestors(parent))
	}
	tests := []struct {
		name string
		ev   *event.Event
		want []string
	}{
		{"appended_list_item", shellIn("zsh"), []string{"Shell in container"}},
		{"original_list_item", shellIn("bash", ancestors("node")), []string{"Shell in container"}},
		{"replaced_macro", shellIn("bash", ancestors("trusted")), nil},
		{"appended_condition", shellIn("sh", func(e *event.Event) { e.Proc.Args = []string{"healthcheck.sh"} }), nil},
		{"host_shell", execEv(proc("bash")), nil},
		{"disabled_rule", execEv(proc("old")), nil},
		{"shadow_reader", reader("cat", "bash"), []string{"Read shadow"}},
		{"exception_list_value", reader("sudo", "systemd"), nil},
		{"exception_tuple_needs_all_fields", reader("sudo", "bash"), []string{"Read shadow"}},
		{"exception_value_names_a_list", reader("unix_chkpwd", "init"), nil},
		{"exception_quoted_list_item", reader("pam helper", "init"), nil},
		{"exception_single_field", reader("login", "x"), nil},
		{"exception_values_appended", reader("chage", "x"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, matchNames(eng, tt.ev)); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
	m := eng.Match(shellIn("zsh"))
	if len(m) != 1 || m[0].Output != "shell zsh (tuned)" {
		t.Errorf("output appended: %+v", m)
	}
}

func TestLoadProblems(t *testing.T) {
	eng, rep := Load(txtarFiles(t, "problems.txtar"), Config{})
	want := []RuleStatus{
		{Name: "K8s audit rule", Path: "a.yaml", Line: 5, Status: StatusSkipped, Enabled: true, Reason: ReasonSource,
			Detail: "event source k8s_audit is a plugin source; Ward evaluates syscall rules"},
		{Name: "Needs env", Path: "a.yaml", Line: 12, Status: StatusSkipped, Enabled: true, Reason: ReasonField,
			Detail: "fields not provided: proc.env"},
		{Name: "Symlinks", Path: "a.yaml", Line: 18, Status: StatusSkipped, Enabled: true, Reason: ReasonEventType,
			Detail: "event types not emitted by Ward's sensor: symlink, symlinkat"},
		{Name: "Bad syntax", Path: "a.yaml", Line: 24, Status: StatusError, Enabled: true,
			Detail: "condition: expected ')' (column 19 of the condition line)"},
		{Name: "Undefined macro", Path: "a.yaml", Line: 32, Status: StatusError, Enabled: true,
			Detail: `undefined macro "no_such_macro"`},
		{Name: "Uses broken", Path: "a.yaml", Line: 41, Status: StatusError, Enabled: true,
			Detail: `macro "broken": condition: expected ',' or ')' in list (column 19 of the condition line)`},
		{Name: "Any type", Path: "a.yaml", Line: 51, Status: StatusActive, Enabled: true},
	}
	if diff := cmp.Diff(want, rep.Rules); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	var errs []string
	for _, e := range rep.Errors {
		errs = append(errs, e.Kind+" "+e.String())
	}
	wantErrs := []string{
		`error a.yaml:57: rule "No priority" has no "priority"`,
		`error c.yaml:1: rules content is not a YAML list of items`,
		`error b.yaml:1: required_engine_version: rules require engine version 1.2.0, Ward implements 0.57.0`,
		`target-missing a.yaml:47: rule Appends nowhere: rule "Appends nowhere" is appended to, overridden or enabled, but no earlier file or item defines it`,
		`error a.yaml:39: macro broken: condition: expected ',' or ')' in list (column 19 of the condition line)`,
		`error a.yaml:28: rule Bad syntax: condition: expected ')' (column 19 of the condition line)`,
		`error a.yaml:32: rule Undefined macro: undefined macro "no_such_macro"`,
		`error a.yaml:39: rule Uses broken: macro "broken": condition: expected ',' or ')' in list (column 19 of the condition line)`,
	}
	if diff := cmp.Diff(wantErrs, errs, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var warns []string
	for _, w := range rep.Warnings {
		warns = append(warns, w.String())
	}
	wantWarns := []string{
		"a.yaml:51: rule Any type: the condition does not restrict evt.type: every event is checked against this rule (set warn_evttypes: false to silence)",
		"a.yaml:54: rule Any type: output fields not provided (printed as <NA>): proc.env",
	}
	if diff := cmp.Diff(wantWarns, warns); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if len(rep.Plugins) != 1 || rep.Plugins[0].Name != "k8saudit" {
		t.Errorf("plugin requirements: %+v", rep.Plugins)
	}
	// The one good rule works, for any event type the sensor emits and for
	// types it does not know yet.
	for _, typ := range []event.Type{event.Execve, event.Connect, "newsyscall"} {
		ev := newEvent(typ, proc("anytype"))
		if got := matchNames(eng, ev); len(got) != 1 {
			t.Errorf("%s: rule without evt.type should match, got %v", typ, got)
		}
	}
}

func TestNeverMatches(t *testing.T) {
	tests := []struct {
		cond   string
		status Status
	}{
		{"evt.type = connect and fd.sip.name = kubernetes.default", StatusSkipped},
		{"evt.type = connect and (fd.sip.name = a or fd.cip.name = b)", StatusSkipped},
		{"evt.type = connect and not fd.sip.name = kubernetes.default", StatusActive},
		{"evt.type = connect and (fd.sip.name = a or fd.sport = 443)", StatusActive},
		{"evt.type = connect and not (fd.sport = 1 or fd.sip.name exists)", StatusActive},
	}
	for _, tt := range tests {
		_, rep := loadOK(t, ruleFile(tt.cond, "o"))
		if got := rep.Rules[0]; got.Status != tt.status || (tt.status == StatusSkipped && got.Reason != ReasonNever) {
			t.Errorf("%s: %+v, want %s", tt.cond, got, tt.status)
		}
	}
}

// TestEngineVersion pins the engine version the current falcosecurity
// rules need, and the compatibility rule.
func TestEngineVersion(t *testing.T) {
	for v, ok := range map[string]bool{"0.57.0": true, "0.31.0": true, "11": true, "0.58.0": false, "1.0.0": false, "x": false} {
		if err := checkEngineVersion(v); (err == nil) != ok {
			t.Errorf("checkEngineVersion(%q) = %v, want ok=%v", v, err, ok)
		}
	}
}

// TestDispatchByEventType: an event only meets the rules whose conditions
// admit its type, with Falco's treatment of negation.
func TestDispatchByEventType(t *testing.T) {
	src := `
- macro: spawned
  condition: evt.type in (execve, execveat)
- rule: exec
  desc: d
  condition: spawned and proc.name = x
  output: o
  priority: INFO
- rule: not open
  desc: d
  condition: not evt.type in (open, openat, openat2) and proc.name = x
  output: o
  priority: INFO
- rule: ne connect
  desc: d
  condition: evt.type != connect and evt.type != accept
  output: o
  priority: INFO
- rule: or of types
  desc: d
  condition: (evt.type = connect and fd.sport = 1) or (evt.type = setuid and evt.arg.uid = 0)
  output: o
  priority: INFO
- rule: negated and
  desc: d
  condition: not (evt.type = execve and proc.name = y)
  output: o
  priority: INFO
`
	eng, _ := loadOK(t, File{Path: "d.yaml", Data: []byte(src)})
	got := map[string][]string{}
	for _, r := range eng.Rules() {
		for _, et := range r.EventTypes {
			got[r.Name] = append(got[r.Name], string(et))
		}
	}
	all := func(except ...string) []string {
		var out []string
		for _, t := range SensorTypes {
			if !slices.Contains(except, string(t)) {
				out = append(out, string(t))
			}
		}
		return out
	}
	want := map[string][]string{
		"exec":        {"execve", "execveat"},
		"not open":    all("open", "openat", "openat2"),
		"ne connect":  all("connect", "accept"),
		"or of types": {"connect", "setuid"},
		"negated and": all(),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("event types (-want +got):\n%s", diff)
	}
	for typ, slot := range eng.byType {
		if SensorTypes[slot.idx] != typ {
			t.Errorf("%s has slot %d", typ, slot.idx)
		}
		for _, r := range slot.rules {
			if !slices.Contains(r.info.EventTypes, typ) {
				t.Errorf("%s indexed under %s", r.info.Name, typ)
			}
		}
	}
	if n := len(eng.byType[event.Openat].rules); n != 2 {
		t.Errorf("openat events meet %d rules, want 2 (ne connect, negated and)", n)
	}
}

// TestLoadNeverPanics feeds mangled variants of real rules through Load.
func TestLoadNeverPanics(t *testing.T) {
	base := corpusFiles(t)[0].Data
	cuts := []int{0, 1, 100, len(base) / 3, len(base) / 2, len(base) - 7}
	for _, cut := range cuts {
		for _, f := range []func([]byte) []byte{
			func(b []byte) []byte { return b[:cut] },
			func(b []byte) []byte { return append(slices.Clone(b[:cut]), b[min(cut+37, len(b)):]...) },
			func(b []byte) []byte { return []byte(strings.ReplaceAll(string(b), "(", "((")) },
			func(b []byte) []byte { return []byte(strings.ReplaceAll(string(b), " and ", " and and ")) },
		} {
			eng, rep := Load([]File{{Path: "m.yaml", Data: f(base)}}, Config{})
			if eng == nil || rep == nil {
				t.Fatal("Load returned nil")
			}
			eng.Match(execEv(proc("bash")))
		}
	}
}

// TestMatchConcurrent runs Match from several goroutines (run with -race).
func TestMatchConcurrent(t *testing.T) {
	eng, _ := loadOK(t, corpusFiles(t)...)
	evs := benchEvents()
	want := make([]int, len(evs))
	for i, e := range evs {
		want[i] = len(eng.Match(e))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 200 {
				i := (g + n) % len(evs)
				if got := len(eng.Match(evs[i])); got != want[i] {
					errs <- fmt.Sprintf("event %d: %d matches, want %d", i, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestMatchAllocations(t *testing.T) {
	eng, _ := loadOK(t, corpusFiles(t)...)
	quiet := openEv(proc("nginx"), "/var/www/index.html", 0, 0, inCtr)
	if n := len(eng.Match(quiet)); n != 0 {
		t.Fatalf("the quiet event matched %d rules", n)
	}
	if allocs := testing.AllocsPerRun(200, func() { eng.Match(quiet) }); allocs > 0 {
		t.Errorf("Match of a non-matching open allocates %.1f times", allocs)
	}
}

func TestFinding(t *testing.T) {
	eng, _, err := LoadDefault(Config{Hostname: "node-1"})
	if err != nil {
		t.Fatal(err)
	}
	pod := execEv(proc("bash"), inPod, vpid(7), ancestors("node", "containerd-shim"))
	host := newEvent(event.Ptrace, proc("gdb"), func(e *event.Event) { e.Arg.PtraceRequest = 16 })
	tests := []struct {
		name string
		ev   *event.Event
		want finding.Finding
	}{
		{"pod", pod, finding.Finding{
			CheckID: "WARD-RT-0001", Domain: "runtime", Severity: finding.SeverityMedium, Title: "Shell spawned in a container",
			Target: "docker.io/library/nginx:1.27", Resource: finding.Resource{Kind: "Pod", Namespace: "shop", Name: "web-7d9f"},
			Location: finding.Location{Object: "pod/shop/web-7d9f/web-1"}, Detail: "bash",
			Controls: []finding.Control{{Framework: "MITRE ATT&CK", ID: "T1059"}, {Framework: "MITRE ATT&CK", ID: "T1059.004"}},
		}},
		{"host", host, finding.Finding{
			CheckID: "WARD-RT-0010", Domain: "runtime", Severity: finding.SeverityMedium, Title: "Ptrace attach",
			Target: "host", Resource: finding.Resource{Kind: "Process", Name: "/usr/bin/gdb"},
			Location: finding.Location{Object: "host"}, Detail: "gdb",
			Controls: []finding.Control{{Framework: "MITRE ATT&CK", ID: "T1055.008"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := eng.Match(tt.ev)
			if len(m) != 1 {
				t.Fatalf("want one match, got %v", matchNames(eng, tt.ev))
			}
			f := m[0].Finding(tt.ev)
			if f.Message != m[0].Output || !strings.Contains(f.Evidence, "proc.name="+tt.ev.Proc.Name) || f.Description == "" {
				t.Errorf("message/evidence/description: %q / %q", f.Message, f.Evidence)
			}
			if f.Fingerprint == "" || f.Fingerprint != m[0].Finding(tt.ev).Fingerprint {
				t.Error("fingerprint missing or unstable")
			}
			if diff := cmp.Diff(tt.want, f, cmpopts.IgnoreFields(finding.Finding{}, "Message", "Evidence", "Description", "Fingerprint")); diff != "" {
				t.Errorf("finding (-want +got):\n%s", diff)
			}
		})
	}
	// Another process in the same pod running the same shell is the same
	// finding; another pod is not.
	again := execEv(proc("bash", "-i"), inPod, vpid(9), ancestors("node", "containerd-shim"), func(e *event.Event) { e.Proc.PID = 777 })
	other := execEv(proc("bash"), inPod, vpid(9), ancestors("node"), func(e *event.Event) { e.K8s.Pod = "web-other" })
	fp := func(e *event.Event) string { return eng.Match(e)[0].Finding(e).Fingerprint }
	if fp(pod) != fp(again) || fp(pod) == fp(other) {
		t.Error("fingerprint identity: same rule+pod+executable equal, another pod different")
	}
}

func TestSeverity(t *testing.T) {
	want := map[falco.Priority]finding.Severity{
		falco.PriorityEmergency: finding.SeverityCritical, falco.PriorityAlert: finding.SeverityCritical,
		falco.PriorityCritical: finding.SeverityCritical, falco.PriorityError: finding.SeverityHigh,
		falco.PriorityWarning: finding.SeverityMedium, falco.PriorityNotice: finding.SeverityLow,
		falco.PriorityInformational: finding.SeverityLow, falco.PriorityDebug: finding.SeverityUnknown,
	}
	for p, s := range want {
		if got := Severity(p); got != s {
			t.Errorf("Severity(%s) = %s, want %s", p, got, s)
		}
	}
}
