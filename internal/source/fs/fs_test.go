package fs

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/vfs"
)

func write(t *testing.T, root, p string, b []byte) {
	t.Helper()
	abs := filepath.Join(root, p)
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(abs, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func zipOf(t *testing.T, name, content string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(name)
	w.Write([]byte(content))
	zw.Close()
	return buf.Bytes()
}

func walk(t *testing.T, root string, opt Options) (map[string]string, map[string]error) {
	t.Helper()
	items := map[string]string{}
	errs := map[string]error{}
	err := New(root, opt).Walk(context.Background(), func(it source.Item) error {
		rc, err := it.Open()
		if err != nil {
			return err
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		items[it.Path] = string(b)
		return err
	}, func(p string, err error) { errs[p] = err })
	if err != nil {
		t.Fatal(err)
	}
	return items, errs
}

func TestWalk(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, root, "app/.env", []byte("TOKEN=x\n"))
	write(t, root, ".git/config", []byte("[core]"))
	write(t, root, "lib/app.jar", zipOf(t, "application.properties", "db.password=p\n"))
	write(t, root, "fake.zip", []byte("not a zip"))
	write(t, root, "big.log", bytes.Repeat([]byte("x"), 2048))
	write(t, outside, "secret", []byte("outside"))
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "escape")); err != nil {
		t.Fatal(err)
	}
	lim := source.Limits{MaxFileSize: 1024}

	items, errs := walk(t, root, Options{Limits: lim})
	want := map[string]string{
		"app/.env":    "TOKEN=x\n",
		"lib/app.jar": string(zipOf(t, "application.properties", "db.password=p\n")),
		"fake.zip":    "not a zip",
	}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("no expansion (-want +got):\n%s", diff)
	}
	if !errors.Is(errs["escape"], vfs.ErrSymlinkEscape) {
		t.Errorf("escape: %v", errs["escape"])
	}
	var le *limits.LimitError
	if !errors.As(errs["big.log"], &le) || le.Limit != 1024 {
		t.Errorf("big.log: %v", errs["big.log"])
	}

	items, _ = walk(t, root, Options{Limits: lim, ExpandArchives: true})
	var got []string
	for p := range items {
		got = append(got, p)
	}
	sort.Strings(got)
	if diff := cmp.Diff([]string{"app/.env", "fake.zip", "lib/app.jar!/application.properties"}, got); diff != "" {
		t.Errorf("expanded (-want +got):\n%s", diff)
	}
	if items["lib/app.jar!/application.properties"] != "db.password=p\n" {
		t.Errorf("entry content %q", items["lib/app.jar!/application.properties"])
	}
}

func TestWalk_single_file_and_missing_root(t *testing.T) {
	root := t.TempDir()
	write(t, root, "one.env", []byte("A=1"))
	items, errs := walk(t, filepath.Join(root, "one.env"), Options{})
	if diff := cmp.Diff(map[string]string{"one.env": "A=1"}, items); diff != "" || len(errs) != 0 {
		t.Errorf("(-want +got):\n%s errs %v", diff, errs)
	}
	err := New(filepath.Join(root, "missing"), Options{}).Walk(context.Background(),
		func(source.Item) error { return nil }, func(string, error) {})
	if err == nil {
		t.Error("missing root accepted")
	}
}

func TestWalk_stops_on_yield_error(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a", []byte("a"))
	write(t, root, "b", []byte("b"))
	stop := errors.New("stop")
	err := New(root, Options{}).Walk(context.Background(), func(source.Item) error { return stop }, func(string, error) {})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v", err)
	}
}
