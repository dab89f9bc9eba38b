package java

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

func input(path string, data []byte) extract.Input {
	return extract.Input{Path: path, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: 0o644}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mvn(name, version, loc, id string) inventory.Package {
	return inventory.Package{Name: name, Version: version, Ecosystem: inventory.Maven, Location: loc, Extractor: id}
}

func direct(p inventory.Package) inventory.Package { p.Direct = true; return p }
func dev(p inventory.Package) inventory.Package    { p.Dev = true; return p }

// wantTyped fails unless err is (or wraps) a *limits.ParseError or a
// *limits.LimitError, and returns which.
func wantTyped(t testing.TB, err error) (*limits.ParseError, *limits.LimitError) {
	t.Helper()
	var pe *limits.ParseError
	var le *limits.LimitError
	if !errors.As(err, &pe) && !errors.As(err, &le) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
	return pe, le
}

func TestPOM(t *testing.T) {
	e, err := NewPOM(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const id = POMID
	tests := []struct {
		name string
		path string
		data []byte
		want []inventory.Package
	}{
		{
			name: "properties_managed_and_test_scope",
			path: "svc/pom.xml",
			data: readTestdata(t, "pom.xml"),
			want: []inventory.Package{
				direct(mvn("org.apache.logging.log4j:log4j-core", "2.14.1", "svc/pom.xml", id)),
				direct(mvn("com.fasterxml.jackson.core:jackson-databind", "2.15.2", "svc/pom.xml", id)),
				direct(mvn("com.example.platform:orders-api", "1.8.2-SNAPSHOT", "svc/pom.xml", id)),
				dev(direct(mvn("junit:junit", "4.12", "svc/pom.xml", id))),
				mvn("io.netty:netty-codec-http", "4.1.94.Final", "svc/pom.xml", id),
				mvn("org.yaml:snakeyaml", "1.33", "svc/pom.xml", id),
			},
		},
		{
			name: "latin1_encoding",
			path: "pom.xml",
			data: readTestdata(t, "pom-latin1.xml"),
			want: []inventory.Package{direct(mvn("commons-io:commons-io", "2.6", "pom.xml", id))},
		},
		{
			name: "version_from_parent",
			path: "pom.xml",
			data: []byte(`<project><parent><groupId>g</groupId><version>7</version></parent>
<dependencies><dependency><groupId>${project.groupId}</groupId><artifactId>a</artifactId><version>${project.version}</version></dependency></dependencies></project>`),
			want: []inventory.Package{direct(mvn("g:a", "7", "pom.xml", id))},
		},
		{
			name: "no_dependencies",
			path: "pom.xml",
			data: []byte(`<project><artifactId>x</artifactId></project>`),
		},
		{
			name: "exponential_property_stays_bounded",
			path: "pom.xml",
			data: []byte(`<project><properties><a>${b}${b}${b}${b}</a><b>${c}${c}${c}${c}</b><c>${d}${d}${d}${d}</c><d>${e}${e}${e}${e}</d><e>${f}${f}${f}${f}</e><f>0123456789</f></properties>
<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>${a}</version></dependency></dependencies></project>`),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(tc.path, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPOMErrors(t *testing.T) {
	e, err := NewPOM(Config{MaxFileSize: 1 << 20, MaxElements: 1000})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		wantLimit bool
	}{
		{name: "deep_nesting", data: []byte("<project>" + strings.Repeat("<a>", 100_000)), wantLimit: true},
		{name: "too_many_elements", data: []byte("<project>" + strings.Repeat("<a/>", 2000) + "</project>"), wantLimit: true},
		{name: "too_large", data: bytes.Repeat([]byte(" "), 1<<20+1), wantLimit: true},
		{name: "truncated", data: readTestdata(t, "pom.xml")[:900]},
		{name: "binary_garbage", data: []byte("\x00\x01\x02<\xff\xfe>")},
		{name: "wrong_root", data: []byte(`<settings><x/></settings>`)},
		{name: "empty", data: nil},
		{name: "unknown_encoding", data: []byte(`<?xml version="1.0" encoding="EBCDIC"?><project/>`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input("pom.xml", tc.data))
			if err == nil {
				t.Fatalf("no error, packages %v", got)
			}
			pe, le := wantTyped(t, err)
			if tc.wantLimit != (le != nil) {
				t.Errorf("error %v: want LimitError %v", err, tc.wantLimit)
			}
			if pe != nil && pe.Path != "pom.xml" {
				t.Errorf("ParseError.Path = %q", pe.Path)
			}
		})
	}
}

func TestGradleLock(t *testing.T) {
	e, err := NewGradleLock(Config{})
	if err != nil {
		t.Fatal(err)
	}
	const id = GradleLockID
	tests := []struct {
		name    string
		path    string
		data    []byte
		want    []inventory.Package
		wantErr bool
	}{
		{
			name: "project_lockfile",
			path: "app/gradle.lockfile",
			data: readTestdata(t, "gradle.lockfile"),
			want: []inventory.Package{
				mvn("com.fasterxml.jackson.core:jackson-annotations", "2.13.4", "app/gradle.lockfile", id),
				mvn("com.fasterxml.jackson.core:jackson-databind", "2.13.4.2", "app/gradle.lockfile", id),
				mvn("com.google.guava:guava", "31.1-jre", "app/gradle.lockfile", id),
				dev(mvn("junit:junit", "4.13.2", "app/gradle.lockfile", id)),
				dev(mvn("org.hamcrest:hamcrest-core", "1.3", "app/gradle.lockfile", id)),
				mvn("org.yaml:snakeyaml", "1.30", "app/gradle.lockfile", id),
			},
		},
		{
			name: "buildscript_lockfile",
			path: "buildscript-gradle.lockfile",
			data: readTestdata(t, "buildscript-gradle.lockfile"),
			want: []inventory.Package{
				mvn("com.diffplug.spotless:spotless-plugin-gradle", "6.11.0", "buildscript-gradle.lockfile", id),
				mvn("org.jetbrains.kotlin:kotlin-stdlib", "1.7.10", "buildscript-gradle.lockfile", id),
			},
		},
		{
			name: "per_configuration_lockfile",
			path: "gradle/dependency-locks/testRuntimeClasspath.lockfile",
			data: []byte("junit:junit:4.13.2\n"),
			want: []inventory.Package{dev(mvn("junit:junit", "4.13.2", "gradle/dependency-locks/testRuntimeClasspath.lockfile", id))},
		},
		{
			name:    "malformed_line_keeps_others",
			path:    "gradle.lockfile",
			data:    []byte("a:b:1=runtimeClasspath\nnot-a-coordinate=x\nc:d:2=runtimeClasspath\n"),
			want:    []inventory.Package{mvn("a:b", "1", "gradle.lockfile", id), mvn("c:d", "2", "gradle.lockfile", id)},
			wantErr: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.Extract(context.Background(), input(tc.path, tc.data))
			if tc.wantErr {
				if pe, _ := wantTyped(t, err); pe == nil || pe.Line != 2 {
					t.Errorf("want ParseError at line 2, got %v", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRequired(t *testing.T) {
	pom, _ := NewPOM(Config{})
	gl, _ := NewGradleLock(Config{})
	jar, _ := NewJAR(Config{})
	tests := []struct {
		name string
		e    extract.Extractor
		path string
		want bool
	}{
		{"pom", pom, "a/b/pom.xml", true},
		{"pom_other_xml", pom, "a/b/pom.xml.bak", false},
		{"gradle_lock", gl, "gradle.lockfile", true},
		{"gradle_buildscript", gl, "x/buildscript-gradle.lockfile", true},
		{"gradle_dependency_locks", gl, "x/gradle/dependency-locks/compileClasspath.lockfile", true},
		{"gradle_other_lockfile", gl, "x/other.lockfile", false},
		{"jar", jar, "app/lib/x.jar", true},
		{"war_upper", jar, "x.WAR", true},
		{"ear", jar, "x.ear", true},
		{"zip", jar, "x.zip", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Required(tc.path, 100, 0o644); got != tc.want {
				t.Errorf("Required(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
	if jar.Required("x.jar", 1, fs.ModeDir) {
		t.Error("JAR wants a directory")
	}
}

func TestConfig(t *testing.T) {
	if _, err := NewJAR(Config{MaxExpandedBytes: -1}); err == nil {
		t.Error("negative limit accepted")
	}
	pom, err1 := NewPOM(Config{})
	gl, err2 := NewGradleLock(Config{})
	jar, err3 := NewJAR(Config{})
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range []extract.Extractor{pom, gl, jar} {
		if e.Version() < 1 || !strings.HasPrefix(e.ID(), "lang/") || ids[e.ID()] {
			t.Errorf("%T: ID %q version %d", e, e.ID(), e.Version())
		}
		ids[e.ID()] = true
	}
}
