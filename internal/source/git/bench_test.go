package git

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os/exec"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/source"
)

// genRepo writes a repository of commits commits with git fast-import: 40
// files of ~400 lines; each commit edits three files (a changed line and
// an inserted block) and every tenth adds a file.
func genRepo(b *testing.B, commits int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Fatal("git CLI not found: install it (apt-get install git)")
	}
	dir := b.TempDir()
	if out, err := exec.Command("git", "init", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		b.Fatalf("git init: %v %s", err, out)
	}
	rng := rand.New(rand.NewSource(1))
	files := make([][]string, 40)
	for i := range files {
		for j := 0; j < 400; j++ {
			files[i] = append(files[i], fmt.Sprintf("key_%d_%d = value-%x", i, j, rng.Int63()))
		}
	}
	var s bytes.Buffer
	for c := 0; c < commits; c++ {
		fmt.Fprintf(&s, "commit refs/heads/main\nauthor A <a@example.com> %d +0000\ncommitter A <a@example.com> %d +0000\ndata 3\nc%d\n",
			1700000000+c*60, 1700000000+c*60, c%10)
		touched := map[int]bool{}
		if c == 0 {
			for i := range files {
				touched[i] = true
			}
		} else {
			for k := 0; k < 3; k++ {
				i := rng.Intn(len(files))
				f := files[i]
				f[rng.Intn(len(f))] = fmt.Sprintf("changed = %x", rng.Int63())
				at := rng.Intn(len(f))
				block := []string{fmt.Sprintf("password = %x", rng.Int63()), fmt.Sprintf("token = %x", rng.Int63())}
				files[i] = append(f[:at], append(block, f[at:]...)...)
				touched[i] = true
			}
			if c%10 == 0 {
				var nf []string
				for j := 0; j < 200; j++ {
					nf = append(nf, fmt.Sprintf("new_%d_%d = %x", c, j, rng.Int63()))
				}
				files = append(files, nf)
				touched[len(files)-1] = true
			}
		}
		for i := range touched {
			data := strings.Join(files[i], "\n") + "\n"
			fmt.Fprintf(&s, "M 100644 inline dir%d/file%d.conf\ndata %d\n%s\n", i%5, i, len(data), data)
		}
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = &s
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("fast-import: %v %s", err, out)
	}
	if out, err := exec.Command("git", "-C", dir, "reset", "-q", "--hard").CombinedOutput(); err != nil {
		b.Fatalf("reset: %v %s", err, out)
	}
	return dir
}

func BenchmarkWalk(b *testing.B) {
	dir := genRepo(b, 200)
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		items, lines := 0, 0
		err = w.Walk(context.Background(), func(it source.Item) error {
			rc, _ := it.Open()
			io.Copy(io.Discard, rc)
			items++
			lines += len(it.LineMap)
			return nil
		}, func(p string, err error) { b.Errorf("%s: %v", p, err) })
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.ReportMetric(float64(items), "items/op")
			b.ReportMetric(float64(lines), "lines/op")
		}
	}
}

// BenchmarkGitLogCLI is the reference: the git CLI producing the same added
// lines (git log -p -U0, as gitleaks runs it) on the same repository.
func BenchmarkGitLogCLI(b *testing.B) {
	dir := genRepo(b, 200)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command("git", "-C", dir, "log", "-p", "-U0", "--no-color")
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}
