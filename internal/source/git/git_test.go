package git

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/source"
)

const secretLine = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9xAmPLEKEY"

// repo is a throwaway repository driven by the git CLI.
type repo struct {
	t   *testing.T
	dir string
	// date is the author and committer date of the next commit.
	date time.Time
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git CLI not found: install it (apt-get install git) to run the history tests")
	}
	r := &repo{t: t, dir: t.TempDir(), date: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	d := r.date.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Alice Example", "GIT_AUTHOR_EMAIL=alice@example.com",
		"GIT_COMMITTER_NAME=Bob Committer", "GIT_COMMITTER_EMAIL=bob@example.com",
		"GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) write(p, content string) {
	r.t.Helper()
	abs := filepath.Join(r.dir, p)
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits; it returns the hash.
func (r *repo) commit(msg string) string {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	r.date = r.date.Add(time.Hour)
	return r.git("rev-parse", "HEAD")
}

// got is one yielded item, read.
type got struct {
	Path    string
	Hash    string
	Content string
	Lines   []int
}

func walk(t *testing.T, w *Walker) ([]got, []source.Item, map[string]error) {
	t.Helper()
	var gs []got
	var items []source.Item
	errs := map[string]error{}
	err := w.Walk(context.Background(), func(it source.Item) error {
		rc, err := it.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		gs = append(gs, got{Path: it.Path, Hash: it.Commit.Hash, Content: string(b), Lines: it.LineMap})
		items = append(items, it)
		return nil
	}, func(p string, err error) { errs[p] = err })
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return gs, items, errs
}

func open(t *testing.T, dir string, opt Options) *Walker {
	t.Helper()
	w, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWalk_deleted_secret_is_found_in_history(t *testing.T) {
	r := newRepo(t)
	r.write("config/app.env", "APP=demo\nDEBUG=false\n"+secretLine+"\n")
	c1 := r.commit("add config")
	r.git("rm", "-q", "config/app.env")
	r.commit("remove config")
	r.write("README.md", "# demo\n")
	c3 := r.commit("readme")

	gs, items, errs := walk(t, open(t, r.dir, Options{}))
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	want := []got{
		{Path: "README.md", Hash: c3, Content: "# demo", Lines: []int{1}},
		{Path: "config/app.env", Hash: c1, Content: "APP=demo\nDEBUG=false\n" + secretLine, Lines: []int{1, 2, 3}},
	}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Fatalf("items (-want +got):\n%s", diff)
	}
	// The facts that matter: the secret's line maps to line 3 of commit 1,
	// with commit 1's author and author date.
	it := items[1]
	idx := strings.Split(gs[1].Content, "\n")
	if idx[2] != secretLine || it.RealLine(3) != 3 {
		t.Errorf("secret line: %q → %d", idx[2], it.RealLine(3))
	}
	c := it.Commit
	if c.Hash != c1 || c.Author != "Alice Example" || c.Email != "alice@example.com" ||
		!c.Date.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("commit = %+v", c)
	}
}

func TestWalk_modified_file_yields_only_added_lines(t *testing.T) {
	r := newRepo(t)
	r.write("f.txt", "one\ntwo\nthree\nfour\nfive\n")
	r.commit("root")
	r.write("f.txt", "one\ntwo\nnew-a\nnew-b\nthree\nfour\nFIVE\n")
	c2 := r.commit("edit")

	gs, _, _ := walk(t, open(t, r.dir, Options{}))
	if len(gs) != 2 {
		t.Fatalf("items: %+v", gs)
	}
	want := got{Path: "f.txt", Hash: c2, Content: "new-a\nnew-b\nFIVE", Lines: []int{3, 4, 7}}
	if diff := cmp.Diff(want, gs[0]); diff != "" {
		t.Errorf("edit commit (-want +got):\n%s", diff)
	}
	// The root commit is diffed against the empty tree: every line is added.
	if diff := cmp.Diff([]int{1, 2, 3, 4, 5}, gs[1].Lines); diff != "" {
		t.Errorf("root commit lines (-want +got):\n%s", diff)
	}
}

func TestWalk_binary_rename_and_symlink_add_nothing(t *testing.T) {
	r := newRepo(t)
	r.write("bin.dat", "PK\x00\x01token=abc\x00\x00")
	r.write("a.txt", "secret=1\n")
	r.commit("root")
	r.git("mv", "a.txt", "b.txt")
	if err := os.Symlink("b.txt", filepath.Join(r.dir, "link")); err != nil {
		t.Fatal(err)
	}
	r.commit("rename and link")

	gs, _, errs := walk(t, open(t, r.dir, Options{}))
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	if len(gs) != 1 || gs[0].Path != "a.txt" {
		t.Errorf("want only a.txt from the root commit, got %+v", gs)
	}
}

func TestWalk_merge_does_not_repeat_branch_lines(t *testing.T) {
	r := newRepo(t)
	r.write("base.txt", "base\n")
	r.commit("root")
	r.git("checkout", "-q", "-b", "feature")
	r.write("feature.env", "TOKEN=feature-secret\n")
	cf := r.commit("feature")
	r.git("checkout", "-q", "main")
	r.write("base.txt", "base\nmain line\n")
	r.commit("main")
	r.git("merge", "-q", "--no-ff", "--no-commit", "feature")
	// An evil merge: a line that is in no parent.
	r.write("base.txt", "base\nmain line\nadded in merge\n")
	r.git("add", "-A")
	cm := r.commit("merge")

	gs, _, _ := walk(t, open(t, r.dir, Options{}))
	var feature, merge []got
	for _, g := range gs {
		if g.Path == "feature.env" {
			feature = append(feature, g)
		}
		if g.Hash == cm {
			merge = append(merge, g)
		}
	}
	if len(feature) != 1 || feature[0].Hash != cf {
		t.Errorf("feature.env must come once, from the feature commit: %+v", feature)
	}
	want := []got{{Path: "base.txt", Hash: cm, Content: "added in merge", Lines: []int{3}}}
	if diff := cmp.Diff(want, merge); diff != "" {
		t.Errorf("merge commit (-want +got):\n%s", diff)
	}
}

func TestWalk_options(t *testing.T) {
	r := newRepo(t)
	r.write("a.txt", "a\n")
	r.commit("1")
	r.write("b.txt", "b\n")
	r.commit("2")
	r.git("checkout", "-q", "-b", "side")
	r.write("side.txt", "side\n")
	side := r.commit("side")
	r.git("checkout", "-q", "main")
	r.write("big.txt", strings.Repeat("x", 2048)+"\n")
	r.commit("3")

	paths := func(gs []got) []string {
		var ps []string
		for _, g := range gs {
			ps = append(ps, g.Path)
		}
		return ps
	}
	gs, _, _ := walk(t, open(t, r.dir, Options{}))
	if diff := cmp.Diff([]string{"big.txt", "b.txt", "a.txt"}, paths(gs)); diff != "" {
		t.Errorf("HEAD only (-want +got):\n%s", diff)
	}
	gs, _, _ = walk(t, open(t, r.dir, Options{AllBranches: true}))
	if diff := cmp.Diff([]string{"big.txt", "side.txt", "b.txt", "a.txt"}, paths(gs)); diff != "" {
		t.Errorf("all branches (-want +got):\n%s", diff)
	}
	if gs[1].Hash != side {
		t.Errorf("side commit %s, got %s", side, gs[1].Hash)
	}
	gs, _, _ = walk(t, open(t, r.dir, Options{MaxCommits: 2}))
	if diff := cmp.Diff([]string{"big.txt", "b.txt"}, paths(gs)); diff != "" {
		t.Errorf("max commits (-want +got):\n%s", diff)
	}
	since := time.Date(2024, 1, 2, 4, 0, 0, 0, time.UTC) // after commit 1
	gs, _, _ = walk(t, open(t, r.dir, Options{Since: since}))
	if diff := cmp.Diff([]string{"big.txt", "b.txt"}, paths(gs)); diff != "" {
		t.Errorf("since (-want +got):\n%s", diff)
	}
	gs, _, errs := walk(t, open(t, r.dir, Options{Limits: source.Limits{MaxFileSize: 1024}}))
	if diff := cmp.Diff([]string{"b.txt", "a.txt"}, paths(gs)); diff != "" {
		t.Errorf("size cap (-want +got):\n%s", diff)
	}
	var le *limits.LimitError
	found := false
	for p, err := range errs {
		if strings.HasPrefix(p, "big.txt@") && errors.As(err, &le) {
			found = true
		}
	}
	if !found {
		t.Errorf("big.txt over the cap must be reported with a LimitError: %v", errs)
	}
}

func TestWalk_empty_repository(t *testing.T) {
	r := newRepo(t)
	for _, all := range []bool{false, true} {
		gs, _, errs := walk(t, open(t, r.dir, Options{AllBranches: all}))
		if len(gs) != 0 || len(errs) != 0 {
			t.Errorf("all=%v: %v %v", all, gs, errs)
		}
	}
}

func TestOpen_not_a_repository(t *testing.T) {
	_, err := Open(t.TempDir(), Options{})
	if err == nil || !strings.Contains(err.Error(), "not a git repository") {
		t.Fatalf("want a clear error, got %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing"), Options{}); err == nil {
		t.Fatal("missing path accepted")
	}
}

func TestWalk_stops_on_yield_error(t *testing.T) {
	r := newRepo(t)
	r.write("a.txt", "a\n")
	r.commit("1")
	r.write("b.txt", "b\n")
	r.commit("2")
	stop := errors.New("stop")
	n := 0
	err := open(t, r.dir, Options{}).Walk(context.Background(), func(source.Item) error { n++; return stop }, func(string, error) {})
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err=%v n=%d", err, n)
	}
}

func TestAddedLines(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []int
	}{
		{"no_trailing_newline", "a\nb", "a\nb\nc", []int{2, 3}},
		{"prepend", "x\ny\n", "new\nx\ny\n", []int{1}},
		{"delete_only", "x\ny\nz\n", "x\nz\n", nil},
		{"replace_all", "x\n", "y\nz\n", []int{1, 2}},
		{"crlf", "a\r\nb\r\n", "a\r\nB\r\nb\r\n", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, addedLines([]byte(tt.old), []byte(tt.new))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
