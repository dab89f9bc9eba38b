package respond

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

func runtimeFinding(checkID, title string, sev finding.Severity) finding.Finding {
	f := finding.Finding{
		CheckID: checkID, Domain: "runtime", Severity: sev, Title: title,
		Message: title + " (proc.name=sleep)", Target: "host",
		Resource: finding.Resource{Kind: "Process", Name: "/usr/bin/sleep"},
		Location: finding.Location{Object: "host"},
	}
	f.SetFingerprint()
	return f
}

// auditLines decodes the JSON lines written to the audit writer.
func auditLines(t *testing.T, b []byte) []AuditRecord {
	t.Helper()
	var out []AuditRecord
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var r AuditRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, r)
	}
	return out
}

// ignoreTime leaves the action time out of comparisons; tests check it is
// set separately.
var ignoreTime = cmpopts.IgnoreFields(AuditRecord{}, "Time")

func TestActionsFor(t *testing.T) {
	r, err := New(Config{
		Rules: map[string][]Action{
			"WARD-RT-0001":         {Kill},
			"Reverse shell":        {Isolate, Kill},
			MatchAll:               {Webhook},
			"Read sensitive files": {Isolate},
		},
		MinSeverity: finding.SeverityMedium,
		WebhookURL:  "http://127.0.0.1:1/hook",
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    finding.Finding
		want []Action
	}{
		{name: "check_id_then_rule_name_then_all", f: runtimeFinding("WARD-RT-0001", "Reverse shell", finding.SeverityHigh), want: []Action{Kill, Isolate, Webhook}},
		{name: "rule_name_without_ward_id", f: runtimeFinding("Read sensitive files", "Read sensitive files", finding.SeverityMedium), want: []Action{Isolate, Webhook}},
		{name: "only_catch_all", f: runtimeFinding("WARD-RT-0099", "Other", finding.SeverityCritical), want: []Action{Webhook}},
		{name: "below_min_severity", f: runtimeFinding("WARD-RT-0001", "Reverse shell", finding.SeverityLow), want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, r.ActionsFor(tt.f)); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
		})
	}
}

// startSleep starts a child the test owns and reaps it at the end. The
// channel yields the child's Wait error once it exits.
func startSleep(t *testing.T) (*exec.Cmd, <-chan error) {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start sleep: %v", err)
	}
	done := make(chan error, 1)
	reaped := make(chan struct{})
	go func() {
		done <- cmd.Wait()
		close(reaped)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-reaped
	})
	return cmd, done
}

func TestKillRealProcess(t *testing.T) {
	cmd, done := startSleep(t)
	pid := cmd.Process.Pid
	started, err := processStart(pid)
	if err != nil {
		t.Fatalf("read start of pid %d: %v", pid, err)
	}
	if d := time.Since(started); d < -time.Second || d > time.Minute {
		t.Fatalf("start time of a just-started process is %s ago", d)
	}
	var audit bytes.Buffer
	r, err := New(Config{Rules: map[string][]Action{"WARD-RT-0001": {Kill}}, Audit: &audit})
	if err != nil {
		t.Fatal(err)
	}
	e := &event.Event{Type: event.Execve, Proc: event.Process{PID: uint32(pid), Name: "sleep", ExePath: "/usr/bin/sleep", StartTime: started}}
	before := time.Now().UTC()
	got := r.Respond(t.Context(), runtimeFinding("WARD-RT-0001", "Test rule", finding.SeverityHigh), e)

	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("sleep exited with %v, want killed by a signal", err)
		}
		ws := ee.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("sleep wait status %v, want killed by SIGKILL", ws)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("sleep is still running after the kill action")
	}

	want := []AuditRecord{{Action: Kill, CheckID: "WARD-RT-0001", Target: processTarget(pid, "sleep"), OK: true, Detail: "SIGKILL sent"}}
	if diff := cmp.Diff(want, got, ignoreTime); diff != "" {
		t.Errorf("returned records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(got, auditLines(t, audit.Bytes())); diff != "" {
		t.Errorf("audit trail differs from returned records (-returned +audit):\n%s", diff)
	}
	if got[0].Time.Before(before) {
		t.Errorf("record time %v is before the action (%v)", got[0].Time, before)
	}
}

// TestKillRefusesReusedPID: the event's process started an hour before the
// process that now holds its PID, so the PID was reused and nothing may be
// killed.
func TestKillRefusesReusedPID(t *testing.T) {
	cmd, done := startSleep(t)
	pid := cmd.Process.Pid
	r, err := New(Config{Rules: map[string][]Action{"*": {Kill}}})
	if err != nil {
		t.Fatal(err)
	}
	e := &event.Event{Proc: event.Process{PID: uint32(pid), Name: "sleep", StartTime: time.Now().Add(-time.Hour)}}
	got := r.Respond(t.Context(), runtimeFinding("WARD-RT-0001", "x", finding.SeverityHigh), e)
	if len(got) != 1 || got[0].OK || !strings.Contains(got[0].Error, "pid reused") {
		t.Fatalf("records = %+v, want one refusal for a reused pid", got)
	}
	select {
	case err := <-done:
		t.Fatalf("sleep exited (%v) although the kill was refused", err)
	default:
	}
	if err := cmd.Process.Signal(syscall.Signal(0)); err != nil {
		t.Fatalf("sleep is gone after a refused kill: %v", err)
	}
}

func TestKillRefusals(t *testing.T) {
	var (
		mu     sync.Mutex
		killed []int
	)
	fakeKill := func(pid int) error {
		mu.Lock()
		defer mu.Unlock()
		killed = append(killed, pid)
		if pid == 4242 {
			return syscall.ESRCH
		}
		return nil
	}
	self := os.Getpid()
	tests := []struct {
		name       string
		e          *event.Event
		dryRun     bool
		want       AuditRecord
		wantKilled []int
	}{
		{
			name: "host_init",
			e:    &event.Event{Proc: event.Process{PID: 1, Name: "systemd"}},
			want: AuditRecord{Target: "pid 1 (systemd)", Error: "refused: pid 1 is the host's init or not a process; never killed"},
		},
		{
			name: "pid_zero",
			e:    &event.Event{Proc: event.Process{PID: 0}},
			want: AuditRecord{Target: "pid 0", Error: "refused: pid 0 is the host's init or not a process; never killed"},
		},
		{
			name: "agent_itself",
			e:    &event.Event{Proc: event.Process{PID: uint32(self), Name: "ward"}},
			want: AuditRecord{Target: processTarget(self, "ward"), Error: "refused: pid " + strconv.Itoa(self) + " is the Ward agent itself"},
		},
		{
			name: "no_event",
			want: AuditRecord{Error: "refused: the finding has no event, so there is no process to kill"},
		},
		{
			name:       "kill_fails",
			e:          &event.Event{Proc: event.Process{PID: 4242, Name: "gone"}},
			want:       AuditRecord{Target: "pid 4242 (gone)", Error: "kill pid 4242: no such process"},
			wantKilled: []int{4242},
		},
		{
			name:       "container_init_is_killed",
			e:          &event.Event{Proc: event.Process{PID: 777, VPID: 1, Name: "nginx"}, Container: event.Container{ID: "0123456789ab"}},
			want:       AuditRecord{Target: "pid 777 (nginx)", OK: true, Detail: "SIGKILL sent"},
			wantKilled: []int{777},
		},
		{
			name:   "dry_run",
			e:      &event.Event{Proc: event.Process{PID: 778, Name: "sh"}},
			dryRun: true,
			want:   AuditRecord{Target: "pid 778 (sh)", OK: true, Detail: "dry run: would send SIGKILL", DryRun: true},
		},
		{
			name:   "dry_run_still_refuses_init",
			e:      &event.Event{Proc: event.Process{PID: 1, Name: "init"}},
			dryRun: true,
			want:   AuditRecord{Target: "pid 1 (init)", Error: "refused: pid 1 is the host's init or not a process; never killed", DryRun: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			killed = nil
			mu.Unlock()
			var audit bytes.Buffer
			r, err := New(Config{Rules: map[string][]Action{"*": {Kill}}, Kill: fakeKill, Audit: &audit, DryRun: tt.dryRun})
			if err != nil {
				t.Fatal(err)
			}
			got := r.Respond(t.Context(), runtimeFinding("WARD-RT-0007", "x", finding.SeverityCritical), tt.e)
			want := tt.want
			want.Action, want.CheckID = Kill, "WARD-RT-0007"
			if diff := cmp.Diff([]AuditRecord{want}, got, ignoreTime); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(got, auditLines(t, audit.Bytes())); diff != "" {
				t.Errorf("audit trail (-returned +written):\n%s", diff)
			}
			mu.Lock()
			defer mu.Unlock()
			if diff := cmp.Diff(tt.wantKilled, killed); diff != "" {
				t.Errorf("pids signalled (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatStartTicks(t *testing.T) {
	tests := []struct {
		name    string
		stat    string
		want    uint64
		wantErr bool
	}{
		{
			name: "plain",
			stat: "1234 (sleep) S 1 1234 1234 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 98765 5423104 200 18446744073709551615",
			want: 98765,
		},
		{
			name: "name_with_spaces_and_parens",
			stat: "1234 (a b) c)) S 1 1234 1234 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 555 5423104 200 1",
			want: 555,
		},
		{name: "truncated", stat: "1234 (sleep) S 1 2", wantErr: true},
		{name: "no_name", stat: "1234 sleep S", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := statStartTicks(tt.stat)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ticks = %d, want %d", got, tt.want)
			}
		})
	}
}
