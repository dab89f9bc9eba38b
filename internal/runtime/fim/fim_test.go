package fim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

// harness runs a Monitor and collects what it emits.
type harness struct {
	t      *testing.T
	m      *Monitor
	mu     sync.Mutex
	got    []finding.Finding
	cancel context.CancelFunc
	done   chan error
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	h := &harness{t: t}
	m, err := New(cfg, func(f finding.Finding) {
		h.mu.Lock()
		h.got = append(h.got, f)
		h.mu.Unlock()
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.m = m
	return h
}

func (h *harness) start() {
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.done = make(chan error, 1)
	go func() { h.done <- h.m.Run(ctx) }()
	h.t.Cleanup(func() { h.stop() })
}

// stop cancels Run and returns its error.
func (h *harness) stop() error {
	if h.cancel == nil {
		return nil
	}
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		return err
	case <-time.After(10 * time.Second):
		h.t.Fatal("Run did not return after cancel")
	}
	return nil
}

// settle waits until everything handled so far is processed and returns
// the findings emitted since the last call.
func (h *harness) settle() []finding.Finding {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !h.m.idle() {
		if time.Now().After(deadline) {
			h.t.Fatal("monitor did not settle")
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	got := h.got
	h.got = nil
	return got
}

// summary is what a test compares of a finding.
type summary struct {
	CheckID  string
	Path     string
	Evidence string
}

func summarize(fs []finding.Finding) []summary {
	var out []summary
	for _, f := range fs {
		out = append(out, summary{f.CheckID, f.Resource.Name, f.Evidence})
	}
	return out
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func writeFile(t *testing.T, p, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // umask-proof
		t.Fatal(err)
	}
}

var testProc = event.Process{PID: 4242, Name: "vim", ExePath: "/usr/bin/vim.basic"}

func openEv(p string, flags uint32) *event.Event {
	return &event.Event{Type: event.Openat, Proc: testProc, File: &event.File{Path: p, Flags: flags, FD: 3},
		Container: event.Container{ID: "0123456789ab"}}
}

func fileEv(typ event.Type, p, newPath string) *event.Event {
	return &event.Event{Type: typ, Proc: testProc, File: &event.File{Path: p, NewPath: newPath, FD: -1},
		Container: event.Container{ID: "0123456789ab"}}
}

func TestChanges(t *testing.T) {
	tests := []struct {
		name string
		// act changes the files in dir and returns the sensor's events.
		act  func(t *testing.T, dir string) []*event.Event
		want func(dir string) []summary
	}{
		{
			name: "modify",
			act: func(t *testing.T, dir string) []*event.Event {
				writeFile(t, filepath.Join(dir, "a.conf"), "new content\n", 0o644)
				return []*event.Event{openEv(filepath.Join(dir, "a.conf"), oWronly|oTrunc)}
			},
			want: func(dir string) []summary {
				return []summary{{CheckModified, filepath.Join(dir, "a.conf"),
					"old_sha256=" + sum("alpha\n") + "\nnew_sha256=" + sum("new content\n") + "\nold_size=6\nnew_size=12"}}
			},
		},
		{
			name: "create",
			act: func(t *testing.T, dir string) []*event.Event {
				writeFile(t, filepath.Join(dir, "sub", "new.conf"), "fresh", 0o600)
				return []*event.Event{openEv(filepath.Join(dir, "sub", "new.conf"), oWronly|oCreat)}
			},
			want: func(dir string) []summary {
				return []summary{{CheckCreated, filepath.Join(dir, "sub", "new.conf"),
					"type=file\nsha256=" + sum("fresh") + "\nsize=5\nmode=0600\nowner=" + me()}}
			},
		},
		{
			name: "delete",
			act: func(t *testing.T, dir string) []*event.Event {
				if err := os.Remove(filepath.Join(dir, "b.conf")); err != nil {
					t.Fatal(err)
				}
				return []*event.Event{fileEv(event.Unlinkat, filepath.Join(dir, "b.conf"), "")}
			},
			want: func(dir string) []summary {
				return []summary{{CheckDeleted, filepath.Join(dir, "b.conf"),
					"type=file\nsha256=" + sum("bravo\n") + "\nsize=6\nmode=0644\nowner=" + me()}}
			},
		},
		{
			name: "chmod",
			act: func(t *testing.T, dir string) []*event.Event {
				if err := os.Chmod(filepath.Join(dir, "a.conf"), 0o755|fs.ModeSetuid); err != nil {
					t.Fatal(err)
				}
				e := fileEv(event.Fchmodat, filepath.Join(dir, "a.conf"), "")
				e.File.Mode = 0o4755
				return []*event.Event{e}
			},
			want: func(dir string) []summary {
				uid, gid := ids()
				return []summary{{CheckAttrs, filepath.Join(dir, "a.conf"),
					fmt.Sprintf("old_mode=0644\nnew_mode=4755\nold_uid=%d\nnew_uid=%d\nold_gid=%d\nnew_gid=%d", uid, uid, gid, gid)}}
			},
		},
		{
			name: "rename",
			act: func(t *testing.T, dir string) []*event.Event {
				if err := os.Rename(filepath.Join(dir, "a.conf"), filepath.Join(dir, "sub", "moved.conf")); err != nil {
					t.Fatal(err)
				}
				return []*event.Event{fileEv(event.Renameat2, filepath.Join(dir, "a.conf"), filepath.Join(dir, "sub", "moved.conf"))}
			},
			want: func(dir string) []summary {
				return []summary{{CheckRenamed, filepath.Join(dir, "sub", "moved.conf"),
					"old_path=" + filepath.Join(dir, "a.conf") + "\nnew_path=" + filepath.Join(dir, "sub", "moved.conf") +
						"\ntype=file\nsha256=" + sum("alpha\n")}}
			},
		},
		{
			name: "rename_over_existing_replaces",
			act: func(t *testing.T, dir string) []*event.Event {
				if err := os.Rename(filepath.Join(dir, "a.conf"), filepath.Join(dir, "b.conf")); err != nil {
					t.Fatal(err)
				}
				return []*event.Event{fileEv(event.Rename, filepath.Join(dir, "a.conf"), filepath.Join(dir, "b.conf"))}
			},
			want: func(dir string) []summary {
				return []summary{{CheckRenamed, filepath.Join(dir, "b.conf"),
					"old_path=" + filepath.Join(dir, "a.conf") + "\nnew_path=" + filepath.Join(dir, "b.conf") +
						"\ntype=file\nsha256=" + sum("alpha\n") + "\nreplaced_sha256=" + sum("bravo\n")}}
			},
		},
		{
			name: "atomic_replace_via_temp_file_is_a_modification",
			act: func(t *testing.T, dir string) []*event.Event {
				tmp := filepath.Join(dir, "a.conf.tmp")
				writeFile(t, tmp, "replaced\n", 0o644)
				if err := os.Rename(tmp, filepath.Join(dir, "a.conf")); err != nil {
					t.Fatal(err)
				}
				return []*event.Event{openEv(tmp, oWronly|oCreat|oTrunc), fileEv(event.Rename, tmp, filepath.Join(dir, "a.conf"))}
			},
			want: func(dir string) []summary {
				return []summary{{CheckModified, filepath.Join(dir, "a.conf"),
					"old_sha256=" + sum("alpha\n") + "\nnew_sha256=" + sum("replaced\n") + "\nold_size=6\nnew_size=9"}}
			},
		},
		{
			name: "move_in_from_outside",
			act: func(t *testing.T, dir string) []*event.Event {
				outside := filepath.Join(filepath.Dir(dir), "outside.sh")
				writeFile(t, outside, "#!/bin/sh\n", 0o755)
				if err := os.Rename(outside, filepath.Join(dir, "evil.sh")); err != nil {
					t.Fatal(err)
				}
				return []*event.Event{fileEv(event.Rename, outside, filepath.Join(dir, "evil.sh"))}
			},
			want: func(dir string) []summary {
				outside := filepath.Join(filepath.Dir(dir), "outside.sh")
				return []summary{{CheckRenamed, filepath.Join(dir, "evil.sh"),
					"old_path=" + outside + "\nnew_path=" + filepath.Join(dir, "evil.sh") + "\nnew_sha256=" + sum("#!/bin/sh\n")}}
			},
		},
		{
			name: "move_out_of_monitored_path",
			act: func(t *testing.T, dir string) []*event.Event {
				outside := filepath.Join(filepath.Dir(dir), "stolen")
				if err := os.Rename(filepath.Join(dir, "b.conf"), outside); err != nil {
					t.Fatal(err)
				}
				return []*event.Event{fileEv(event.Rename, filepath.Join(dir, "b.conf"), outside)}
			},
			want: func(dir string) []summary {
				outside := filepath.Join(filepath.Dir(dir), "stolen")
				return []summary{{CheckRenamed, filepath.Join(dir, "b.conf"),
					"old_path=" + filepath.Join(dir, "b.conf") + "\nnew_path=" + outside + "\ntype=file\nsha256=" + sum("bravo\n")}}
			},
		},
		{
			name: "symlink_retargeted",
			act: func(t *testing.T, dir string) []*event.Event {
				l := filepath.Join(dir, "link")
				if err := os.Remove(l); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink("/etc/shadow", l); err != nil {
					t.Fatal(err)
				}
				// ln -sf: a new link renamed over the old one.
				return []*event.Event{fileEv(event.Unlinkat, l, "")}
			},
			want: func(dir string) []summary {
				return []summary{{CheckModified, filepath.Join(dir, "link"), "old_link=a.conf\nnew_link=/etc/shadow"}}
			},
		},
		{
			name: "write_open_without_change_emits_nothing",
			act: func(t *testing.T, dir string) []*event.Event {
				f, err := os.OpenFile(filepath.Join(dir, "a.conf"), os.O_RDWR, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.Close()
				return []*event.Event{openEv(filepath.Join(dir, "a.conf"), oRdwr)}
			},
			want: func(string) []summary { return nil },
		},
		{
			name: "rewrite_with_same_content_emits_nothing",
			act: func(t *testing.T, dir string) []*event.Event {
				p := filepath.Join(dir, "a.conf")
				writeFile(t, p, "alpha\n", 0o644)
				later := time.Now().Add(time.Hour)
				if err := os.Chtimes(p, later, later); err != nil {
					t.Fatal(err)
				}
				return []*event.Event{openEv(p, oWronly|oTrunc)}
			},
			want: func(string) []summary { return nil },
		},
		{
			name: "read_open_and_failed_syscalls_are_ignored",
			act: func(t *testing.T, dir string) []*event.Event {
				writeFile(t, filepath.Join(dir, "a.conf"), "changed behind our back\n", 0o644)
				failed := openEv(filepath.Join(dir, "a.conf"), oWronly)
				failed.Res = -13
				return []*event.Event{openEv(filepath.Join(dir, "a.conf"), 0), failed,
					{Type: event.Execve, Proc: testProc, File: &event.File{Path: filepath.Join(dir, "a.conf")}}}
			},
			want: func(string) []summary { return nil },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := fixture(t)
			h := newHarness(t, Config{Paths: []string{dir}, Debounce: 10 * time.Millisecond})
			h.start()
			if got := h.settle(); len(got) != 0 {
				t.Fatalf("findings before any change: %v", summarize(got))
			}
			evs := tc.act(t, dir)
			for _, e := range evs {
				h.m.Handle(e)
			}
			got := h.settle()
			if diff := cmp.Diff(tc.want(dir), summarize(got)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range got {
				for _, w := range []string{"vim", "4242", "/usr/bin/vim.basic", "0123456789ab"} {
					if !strings.Contains(f.Message, w) {
						t.Errorf("message %q does not name %q", f.Message, w)
					}
				}
				if f.Domain != "runtime" || f.Severity != finding.SeverityMedium || f.Fingerprint == "" || f.Title == "" {
					t.Errorf("finding fields: domain %q severity %s fingerprint %q title %q", f.Domain, f.Severity, f.Fingerprint, f.Title)
				}
			}
			// The baseline now holds the disk: the same events again
			// report nothing.
			for _, e := range evs {
				h.m.Handle(e)
			}
			if got := h.settle(); len(got) != 0 {
				t.Errorf("findings after settling: %v", summarize(got))
			}
		})
	}
}

// fixture makes a monitored directory: a.conf, b.conf, sub/, link -> a.conf.
func fixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mon")
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "a.conf"), "alpha\n", 0o644)
	writeFile(t, filepath.Join(dir, "b.conf"), "bravo\n", 0o644)
	if err := os.Symlink("a.conf", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func ids() (uid, gid int) { return os.Getuid(), os.Getgid() }

func me() string {
	uid, gid := ids()
	return fmt.Sprintf("%d:%d", uid, gid)
}

func TestBaselineRecordsWithoutFollowingLinks(t *testing.T) {
	dir := fixture(t)
	// A link to the root would take a following walk out of the tree.
	if err := os.Symlink("/", filepath.Join(dir, "sub", "root")); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, Config{Paths: []string{dir}})
	b := h.m.Baseline()
	got := map[string]string{}
	for p, e := range b {
		rel, _ := filepath.Rel(dir, p)
		got[rel] = e.Type + " " + e.SHA256 + " " + e.Link
	}
	want := map[string]string{
		".":        "dir  ",
		"a.conf":   "file " + sum("alpha\n") + " ",
		"b.conf":   "file " + sum("bravo\n") + " ",
		"sub":      "dir  ",
		"sub/root": "symlink  /",
		"link":     "symlink  a.conf",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("baseline (-want +got):\n%s", diff)
	}
	if e := b[filepath.Join(dir, "a.conf")]; e.Mode != 0o644 || e.Size != 6 || e.MTime.IsZero() {
		t.Errorf("a.conf entry = %+v", e)
	}
}

func TestDebounceMergesBurst(t *testing.T) {
	dir := fixture(t)
	h := newHarness(t, Config{Paths: []string{dir}, Debounce: 400 * time.Millisecond})
	h.start()
	p := filepath.Join(dir, "a.conf")
	for i := range 5 {
		writeFile(t, p, fmt.Sprintf("version %d\n", i), 0o644)
		e := openEv(p, oWronly|oTrunc)
		e.Proc.PID = uint32(100 + i)
		h.m.Handle(e)
		time.Sleep(20 * time.Millisecond)
	}
	got := h.settle()
	want := []summary{{CheckModified, p, "old_sha256=" + sum("alpha\n") + "\nnew_sha256=" + sum("version 4\n") + "\nold_size=6\nnew_size=10"}}
	if diff := cmp.Diff(want, summarize(got)); diff != "" {
		t.Fatalf("findings (-want +got):\n%s", diff)
	}
	if !strings.Contains(got[0].Message, "pid 104") {
		t.Errorf("message %q does not name the last writer (pid 104)", got[0].Message)
	}
}

func TestDirectoryRenameMovesChildren(t *testing.T) {
	dir := fixture(t)
	writeFile(t, filepath.Join(dir, "sub", "c.conf"), "charlie", 0o644)
	h := newHarness(t, Config{Paths: []string{dir}, Debounce: 10 * time.Millisecond})
	h.start()
	if err := os.Rename(filepath.Join(dir, "sub"), filepath.Join(dir, "sub2")); err != nil {
		t.Fatal(err)
	}
	h.m.Handle(fileEv(event.Rename, filepath.Join(dir, "sub"), filepath.Join(dir, "sub2")))
	got := summarize(h.settle())
	want := []summary{{CheckRenamed, filepath.Join(dir, "sub2"),
		"old_path=" + filepath.Join(dir, "sub") + "\nnew_path=" + filepath.Join(dir, "sub2") + "\ntype=dir\nsha256=none (dir)"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	b := h.m.Baseline()
	if _, ok := b[filepath.Join(dir, "sub", "c.conf")]; ok {
		t.Error("old child still in the baseline")
	}
	if e := b[filepath.Join(dir, "sub2", "c.conf")]; e.SHA256 != sum("charlie") {
		t.Errorf("moved child = %+v, want its digest", e)
	}
}

func TestRemoveTreeReportsEachFile(t *testing.T) {
	dir := fixture(t)
	writeFile(t, filepath.Join(dir, "sub", "c.conf"), "charlie", 0o644)
	h := newHarness(t, Config{Paths: []string{dir}, Debounce: 10 * time.Millisecond})
	h.start()
	if err := os.RemoveAll(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	h.m.Handle(fileEv(event.Unlinkat, filepath.Join(dir, "sub", "c.conf"), ""))
	h.m.Handle(fileEv(event.Unlinkat, filepath.Join(dir, "sub"), ""))
	var got []string
	for _, f := range h.settle() {
		got = append(got, f.CheckID+" "+f.Resource.Name)
	}
	want := []string{CheckDeleted + " " + filepath.Join(dir, "sub", "c.conf"), CheckDeleted + " " + filepath.Join(dir, "sub")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestPersistenceReportsOfflineChanges(t *testing.T) {
	dir := fixture(t)
	bf := filepath.Join(t.TempDir(), "state", "fim.json")
	if err := os.MkdirAll(filepath.Dir(bf), 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Paths: []string{dir}, BaselineFile: bf, Debounce: 10 * time.Millisecond}

	h := newHarness(t, cfg)
	if _, err := os.Stat(bf); err != nil {
		t.Fatalf("New did not persist the baseline: %v", err)
	}
	h.start()
	if got := h.settle(); len(got) != 0 {
		t.Fatalf("first start reported %v", summarize(got))
	}
	// A change seen while running is persisted when Run stops.
	writeFile(t, filepath.Join(dir, "sub", "seen.conf"), "seen", 0o644)
	h.m.Handle(openEv(filepath.Join(dir, "sub", "seen.conf"), oCreat|oWronly))
	if got := h.settle(); len(got) != 1 {
		t.Fatalf("got %v, want one creation", summarize(got))
	}
	if err := h.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}

	// While the agent is down.
	writeFile(t, filepath.Join(dir, "a.conf"), "tampered\n", 0o644)
	if err := os.Remove(filepath.Join(dir, "sub", "seen.conf")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "backdoor"), "x", 0o755)
	if err := os.Chmod(filepath.Join(dir, "sub"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "b.conf"), filepath.Join(dir, "b.conf.bak")); err != nil {
		t.Fatal(err)
	}

	h2 := newHarness(t, cfg)
	h2.start()
	got := h2.settle()
	var ids []string
	for _, f := range got {
		ids = append(ids, f.CheckID+" "+strings.TrimPrefix(f.Resource.Name, dir))
		if !strings.Contains(f.Message, "changed while the agent was not running") {
			t.Errorf("message %q does not say the agent was not running", f.Message)
		}
	}
	want := []string{
		CheckModified + " /a.conf",
		CheckRenamed + " /b.conf.bak",
		CheckCreated + " /backdoor",
		CheckAttrs + " /sub",
		CheckDeleted + " /sub/seen.conf",
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("offline findings (-want +got):\n%s", diff)
	}
	if err := h2.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}

	// The offline changes are in the baseline now: a third start is quiet.
	h3 := newHarness(t, cfg)
	h3.start()
	if got := h3.settle(); len(got) != 0 {
		t.Errorf("third start reported %v", summarize(got))
	}
}

func TestBaselineForOtherPathsIsRebuilt(t *testing.T) {
	a, b := fixture(t), fixture(t)
	bf := filepath.Join(t.TempDir(), "fim.json")
	newHarness(t, Config{Paths: []string{a}, BaselineFile: bf})

	h := newHarness(t, Config{Paths: []string{b}, BaselineFile: bf, Debounce: 10 * time.Millisecond})
	for p := range h.m.Baseline() {
		if !under(p, b) {
			t.Errorf("baseline holds %s, outside %s", p, b)
		}
	}
	if n := len(h.m.Baseline()); n != 5 {
		t.Errorf("baseline has %d entries, want 5", n)
	}
	h.start()
	if got := h.settle(); len(got) != 0 {
		t.Errorf("rebuilt baseline reported %v", summarize(got))
	}
	raw, err := os.ReadFile(bf)
	if err != nil {
		t.Fatal(err)
	}
	var doc baselineDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{b}, doc.Paths); diff != "" {
		t.Errorf("persisted paths (-want +got):\n%s", diff)
	}
}

func TestCorruptBaselineIsAnError(t *testing.T) {
	dir := fixture(t)
	bf := filepath.Join(t.TempDir(), "fim.json")
	if err := os.WriteFile(bf, []byte(`{"version":1,"paths":[`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := New(Config{Paths: []string{dir}, BaselineFile: bf}, func(finding.Finding) {})
	if err == nil || !strings.Contains(err.Error(), bf) {
		t.Fatalf("New = %v, want an error naming the file", err)
	}
}

func TestLargeAndUnreadableFiles(t *testing.T) {
	dir := fixture(t)
	big := filepath.Join(dir, "big.bin")
	writeFile(t, big, strings.Repeat("x", 4096), 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, Config{Paths: []string{dir}, MaxFileSize: 1024, Debounce: 10 * time.Millisecond})
	b := h.m.Baseline()
	if e := b[big]; e.SHA256 != "" || e.NoHash != "larger than 1024 bytes" || e.Size != 4096 {
		t.Errorf("big file entry = %+v", e)
	}
	if e := b[filepath.Join(dir, "fifo")]; e.Type != TypeOther || e.Mode != 0o600 {
		t.Errorf("fifo entry = %+v", e)
	}

	secret := filepath.Join(dir, "secret")
	h.m.openFile = func(p string) (*os.File, error) {
		if p == secret {
			return nil, &fs.PathError{Op: "open", Path: p, Err: syscall.EACCES}
		}
		return openNoFollow(p)
	}
	h.start()
	writeFile(t, big, strings.Repeat("y", 8192), 0o644)
	h.m.Handle(openEv(big, oWronly))
	writeFile(t, secret, "s3cr3t", 0o600)
	h.m.Handle(openEv(secret, oWronly|oCreat))
	got := summarize(h.settle())
	sort.Slice(got, func(i, j int) bool { return got[i].Path < got[j].Path })
	want := []summary{
		{CheckModified, big, "old_sha256=not computed: larger than 1024 bytes\nnew_sha256=not computed: larger than 1024 bytes\nold_size=4096\nnew_size=8192"},
		{CheckCreated, secret, "type=file\nsha256=not computed: unreadable: permission denied\nsize=6\nmode=0600\nowner=" + me()},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestQueueOverflowRewalks(t *testing.T) {
	dir := fixture(t)
	h := newHarness(t, Config{Paths: []string{dir}, Debounce: 10 * time.Millisecond})
	h.m.maxPending = 2
	// Handle never blocks, even with nobody running.
	for i := range 10 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("f%d", i)), "x", 0o644)
		h.m.Handle(openEv(filepath.Join(dir, fmt.Sprintf("f%d", i)), oCreat|oWronly))
	}
	h.start()
	got := h.settle()
	if len(got) != 10 {
		t.Fatalf("got %d findings, want 10 creations: %v", len(got), summarize(got))
	}
	for _, f := range got {
		if f.CheckID != CheckCreated || !strings.Contains(f.Message, "overflowed") {
			t.Errorf("finding %s %q, want a creation found by the re-walk", f.CheckID, f.Message)
		}
	}
}

func TestWalkLimits(t *testing.T) {
	dir := fixture(t)
	deep := dir
	for i := range 5 {
		deep = filepath.Join(deep, fmt.Sprintf("d%d", i))
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, Config{Paths: []string{dir}, MaxDepth: 2})
	for p := range h.m.Baseline() {
		if h.m.depth(p) > 2 {
			t.Errorf("entry %s is deeper than MaxDepth", p)
		}
	}
	if _, ok := h.m.Baseline()[filepath.Join(dir, "d0", "d1")]; !ok {
		t.Error("entry at depth 2 missing")
	}
	h2 := newHarness(t, Config{Paths: []string{dir}, MaxFiles: 3})
	if n := len(h2.m.Baseline()); n != 3 {
		t.Errorf("baseline has %d entries, want MaxFiles 3", n)
	}
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name    string
		paths   []string
		want    []string
		wantErr string
	}{
		{name: "nested_and_duplicates_merge", paths: []string{"/etc/ssh/", "/etc", "/usr/bin", "/etc"}, want: []string{"/etc", "/usr/bin"}},
		{name: "prefix_is_not_parent", paths: []string{"/etcx", "/etc"}, want: []string{"/etc", "/etcx"}},
		{name: "relative_path", paths: []string{"etc"}, wantErr: "not absolute"},
		{name: "none", wantErr: "no Paths"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := normalizeRoots(tc.paths)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("roots (-want +got):\n%s", diff)
			}
		})
	}
	dir := fixture(t)
	h := newHarness(t, Config{Paths: []string{dir + "/sub", dir + "/"}})
	if diff := cmp.Diff([]string{dir}, h.m.WatchPrefixes()); diff != "" {
		t.Errorf("WatchPrefixes (-want +got):\n%s", diff)
	}
	if _, err := New(Config{Paths: []string{dir}}, nil); err == nil {
		t.Error("New with a nil emit succeeded")
	}
	if _, err := New(Config{Paths: []string{dir}, Debounce: -1}, func(finding.Finding) {}); err == nil {
		t.Error("New with a negative Debounce succeeded")
	}
}

func TestSeverity(t *testing.T) {
	tests := []struct {
		path string
		want finding.Severity
	}{
		{"/etc/passwd", finding.SeverityHigh},
		{"/etc", finding.SeverityHigh},
		{"/usr/bin/ls", finding.SeverityHigh},
		{"/boot/vmlinuz", finding.SeverityHigh},
		{"/sbin/init", finding.SeverityHigh},
		{"/etcetera/x", finding.SeverityMedium},
		{"/var/www/index.html", finding.SeverityMedium},
		{"/usr/local/share/x", finding.SeverityMedium},
	}
	for _, tc := range tests {
		if got := severity(tc.path); got != tc.want {
			t.Errorf("severity(%q) = %s, want %s", tc.path, got, tc.want)
		}
	}
}

func TestRunTwiceIsRefused(t *testing.T) {
	h := newHarness(t, Config{Paths: []string{fixture(t)}})
	h.start()
	for !h.m.running.Load() {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := h.m.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("second Run = %v, want refused", err)
	}
	if err := h.stop(); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("Run: %v", err)
	}
}

func TestSingleFilePath(t *testing.T) {
	dir := fixture(t)
	p := filepath.Join(dir, "a.conf")
	h := newHarness(t, Config{Paths: []string{p}, Debounce: 10 * time.Millisecond})
	if diff := cmp.Diff([]string{p}, keys(h.m.Baseline())); diff != "" {
		t.Fatalf("baseline (-want +got):\n%s", diff)
	}
	h.start()
	// Atomic replace from a sibling the sensor does not watch.
	tmp := filepath.Join(dir, "a.conf+")
	writeFile(t, tmp, "replaced\n", 0o644)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	h.m.Handle(fileEv(event.Rename, tmp, p))
	// A neighbour is not monitored.
	writeFile(t, filepath.Join(dir, "b.conf"), "other\n", 0o644)
	h.m.Handle(openEv(filepath.Join(dir, "b.conf"), oWronly))
	got := h.settle()
	want := []summary{{CheckModified, p, "old_sha256=" + sum("alpha\n") + "\nnew_sha256=" + sum("replaced\n") + "\nold_size=6\nnew_size=9"}}
	if diff := cmp.Diff(want, summarize(got)); diff != "" {
		t.Fatalf("findings (-want +got):\n%s", diff)
	}
	if !strings.Contains(got[0].Message, "renamed from "+tmp) {
		t.Errorf("message %q does not say where the content came from", got[0].Message)
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	h.m.Handle(fileEv(event.Unlink, p, ""))
	if got := summarize(h.settle()); len(got) != 1 || got[0].CheckID != CheckDeleted {
		t.Errorf("deleting the monitored file: %v", got)
	}
}

func keys(m map[string]Entry) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
