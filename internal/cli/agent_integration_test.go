//go:build integration

package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAgentCommand runs `ward agent` for a few seconds as a user would,
// with a file output and a status file, while a child process reads
// /etc/shadow.
func TestAgentCommand(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("ward agent loads eBPF programs: run the suite as root")
	}
	dir := t.TempDir()
	alerts := filepath.Join(dir, "alerts.jsonl")
	status := filepath.Join(dir, "status.json")
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := run(t, "", "agent", "--duration", "3s", "--no-docker", "--output", "file:"+alerts, "--status-file", status)
		done <- result{code, out, errOut}
	}()
	// Loading takes a moment (longer on a busy machine), and the agent
	// prints nothing the test can see before it stops: read the file
	// repeatedly until the agent is done.
	var res result
	giveUp := time.Now().Add(90 * time.Second)
	for stop := false; !stop; {
		if time.Now().After(giveUp) {
			t.Fatal("ward agent --duration 3s did not stop within 90 s")
		}
		if out, err := exec.Command("sh", "-c", "cat /etc/shadow > /dev/null").CombinedOutput(); err != nil {
			t.Fatalf("cat: %v %s", err, out)
		}
		select {
		case res = <-done:
			stop = true
		case <-time.After(300 * time.Millisecond):
		}
	}
	if res.code != 0 {
		t.Fatalf("ward agent: exit %d\n%s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "rules active") {
		t.Errorf("stderr does not report the rules: %q", res.stderr)
	}
	f, err := os.Open(alerts)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec struct {
			Finding struct{ CheckID, Message string }
			Event   struct {
				Process struct{ Name string }
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("alert line is not JSON: %v\n%s", err, sc.Bytes())
		}
		if rec.Finding.CheckID == "WARD-RT-0002" && rec.Event.Process.Name == "cat" {
			found = true
		}
	}
	if !found {
		b, _ := os.ReadFile(alerts)
		t.Errorf("no WARD-RT-0002 alert for cat /etc/shadow in:\n%s", b)
	}
	var st struct {
		Events  uint64
		Dropped map[string]uint64
		Rules   struct{ Active int }
	}
	b, err := os.ReadFile(status)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	if st.Events == 0 || st.Rules.Active != 12 {
		t.Errorf("status %s: want events and the 12 built-in rules active", b)
	}
}
