package golang

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
)

func TestStdlibVersion(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"patch_release", "go1.21.3", "1.21.3", true},
		{"minor_release_old_style", "go1.20", "1.20.0", true},
		{"release_candidate", "go1.22rc1", "1.22.0-rc.1", true},
		{"beta", "go1.21beta2", "1.21.0-beta.2", true},
		{"old_patch_rc", "go1.9.2rc2", "1.9.2-rc.2", true},
		{"experiments_suffix", "go1.21.3 X:boringcrypto", "1.21.3", true},
		{"devel", "devel go1.23-a1b2c3d4 Tue Jan 1 00:00:00 2024 +0000", "", false},
		{"empty", "", "", false},
		{"garbage", "go1.x", "", false},
		{"leading_zero", "go1.021", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := StdlibVersion(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("StdlibVersion(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// goSumLines returns the repository's go.sum lines of one module, so the
// test program builds offline from the module cache.
func goSumLines(t *testing.T, modPath string) string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "..", "go.sum"))
	if err != nil {
		t.Skipf("repository go.sum: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), modPath+" ") {
			b.WriteString(sc.Text() + "\n")
		}
	}
	if b.Len() == 0 {
		t.Skipf("no go.sum lines for %s", modPath)
	}
	return b.String()
}

// buildProgram compiles a tiny main module importing github.com/google/go-cmp
// (already in this repository's module cache) and returns the binary path.
func buildProgram(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/tiny\n\ngo 1.21\n\nrequire github.com/google/go-cmp v0.7.0\n",
		"go.sum": goSumLines(t, "github.com/google/go-cmp"),
		"main.go": `package main

import (
	"fmt"

	"github.com/google/go-cmp/cmp"
)

func main() { fmt.Println(cmp.Diff(1, 2)) }
`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "tiny")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOPROXY=off", "GOWORK=off", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestGoBinaryExtract(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go program")
	}
	bin := buildProgram(t)
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := NewGoBinary(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const loc = "usr/local/bin/tiny"
	if !ex.Required(loc, int64(len(data)), 0o755) {
		t.Fatal("Required = false for an executable in a bin directory")
	}
	got, err := ex.Extract(context.Background(), input(loc, data, 0o755))
	if err != nil {
		t.Fatal(err)
	}
	std, ok := StdlibVersion(runtime.Version())
	if !ok {
		t.Skipf("toolchain %q has no release version", runtime.Version())
	}
	// The main module is "(devel)" when built from a directory: not reported.
	want := []inventory.Package{
		goPkg("github.com/google/go-cmp", "v0.7.0", loc, GoBinaryID, false),
		goPkg(StdlibName, std, loc, GoBinaryID, false),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func TestGoBinaryNotGo(t *testing.T) {
	ex, err := NewGoBinary(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"shell_script", []byte("#!/bin/sh\necho hello\n")},
		{"empty", nil},
		{"truncated_elf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00")},
		{"truncated_pe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00")},
		{"text_file", []byte(strings.Repeat("not a program\n", 100))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ex.Extract(context.Background(), input("bin/x", tc.data, 0o755))
			if err != nil || got != nil {
				t.Errorf("Extract = %v, %v; want nil, nil", got, err)
			}
		})
	}
}

func TestGoBinaryReplacedAndMain(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.22rc1",
		Main:      *mod("example.com/cli", "v1.4.0", nil),
		Deps: []*debug.Module{
			mod("github.com/a/b", "v1.0.0", mod("github.com/fork/b", "v1.0.1", nil)),
			mod("github.com/local/c", "v0.1.0", mod("../c", "", nil)),
			mod("github.com/d/e", "v2.0.0+incompatible", nil),
		},
	}
	const loc = "bin/cli"
	got := buildInfoPackages(loc, bi)
	want := []inventory.Package{
		goPkg("example.com/cli", "v1.4.0", loc, GoBinaryID, false),
		goPkg("github.com/d/e", "v2.0.0+incompatible", loc, GoBinaryID, false),
		goPkg("github.com/fork/b", "v1.0.1", loc, GoBinaryID, false),
		goPkg(StdlibName, "1.22.0-rc.1", loc, GoBinaryID, false),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func mod(p, v string, replace *debug.Module) *debug.Module {
	return &debug.Module{Path: p, Version: v, Replace: replace}
}
