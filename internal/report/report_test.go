package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wardsec/ward/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sampleReport is the hand-built report behind every golden file: four
// findings of different severities in two files (one suppressed, one with a
// message too long for the table) and one scan error. Findings are listed out
// of order on purpose; every format must sort them.
func sampleReport() *finding.Report {
	web := finding.Resource{Kind: "Deployment", Namespace: "prod", Name: "web"}
	fs := []finding.Finding{
		{
			CheckID:     "WARD-DF-0002",
			Domain:      "dockerfile",
			Severity:    finding.SeverityMedium,
			Title:       "Image uses the latest tag",
			Message:     `FROM golang:latest is not pinned to a version or digest`,
			Description: "An unpinned base image changes under you between builds.",
			Target:      "build",
			Resource:    finding.Resource{Kind: "Stage", Name: "builder"},
			Location:    finding.Location{Path: "build/Dockerfile", StartLine: 1, EndLine: 1},
			Remediation: "Pin the base image to a version and digest.",
		},
		{
			CheckID:     "WARD-K8S-0012",
			Domain:      "kubernetes",
			Severity:    finding.SeverityHigh,
			Title:       "Container may run as root",
			Message:     `container "app" sets neither securityContext.runAsNonRoot: true nor a non-zero runAsUser, so the image's default user (often root) applies`,
			Description: "Processes running as root in a container are root on the node after a container escape.",
			Target:      "deploy",
			Resource:    web,
			Location:    finding.Location{Path: "deploy/app.yaml", StartLine: 14, EndLine: 22},
			Remediation: "Set securityContext.runAsNonRoot: true and a non-zero runAsUser.",
			References:  []string{"https://kubernetes.io/docs/concepts/security/pod-security-standards/"},
			Controls:    []finding.Control{{Framework: "CIS-K8S-1.9", ID: "5.2.6"}},
			Detail:      "spec.template.spec.containers[0]",
		},
		{
			CheckID:     "WARD-K8S-0001",
			Domain:      "kubernetes",
			Severity:    finding.SeverityCritical,
			Title:       "Privileged container",
			Message:     `container "app" runs privileged`,
			Description: "A privileged container has every capability and all host devices.",
			Target:      "deploy",
			Resource:    web,
			Location:    finding.Location{Path: "deploy/app.yaml", StartLine: 12, EndLine: 20},
			Evidence:    "privileged: true",
			Remediation: "Remove securityContext.privileged or set it to false.",
			References: []string{
				"https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
				"https://cwe.mitre.org/data/definitions/250.html",
			},
			Controls: []finding.Control{{Framework: "CIS-K8S-1.9", ID: "5.2.1"}},
			Detail:   "spec.template.spec.containers[0]",
		},
		{
			CheckID:     "WARD-K8S-0020",
			Domain:      "kubernetes",
			Severity:    finding.SeverityLow,
			Title:       "Image pull policy is not Always",
			Message:     `container "app" uses imagePullPolicy IfNotPresent`,
			Target:      "deploy",
			Resource:    web,
			Location:    finding.Location{Path: "deploy/app.yaml", StartLine: 30},
			Remediation: "Set imagePullPolicy: Always.",
			Suppressed:  &finding.Suppression{Kind: "inline", Reason: "images are immutable digests here", Source: "deploy/app.yaml:29"},
			Detail:      "spec.template.spec.containers[0]",
		},
	}
	for i := range fs {
		fs[i].SetFingerprint()
	}
	rep := &finding.Report{
		SchemaVersion: finding.SchemaVersion,
		Tool:          finding.Tool{Name: "ward", Version: "v0.1.0"},
		CreatedAt:     time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
		Targets:       []string{"deploy", "build", "charts"},
		Findings:      fs,
		Errors: []finding.Error{{
			Path:    "charts/broken.yaml",
			Line:    7,
			Plugin:  "iac/kubernetes",
			Message: "yaml: line 7: mapping values are not allowed in this context",
		}},
		ChecksRun:    42,
		FilesScanned: 5,
	}
	rep.Summarize()
	return rep
}

// render runs Write and fails the test on error.
func render(t *testing.T, format string, rep *finding.Report, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, rep, opts); err != nil {
		t.Fatalf("Write(%q): %v", format, err)
	}
	return b.Bytes()
}

// checkGolden compares got with testdata/golden/name, rewriting it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read golden (run go test ./internal/report -update): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// compileSchema compiles the JSON schema document at path, asserting formats.
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parse schema %s: %v", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(abs, doc); err != nil {
		t.Fatalf("add schema %s: %v", path, err)
	}
	s, err := c.Compile(abs)
	if err != nil {
		t.Fatalf("compile schema %s: %v", path, err)
	}
	return s
}

// validate checks a JSON document against s.
func validate(s *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

func TestFormats(t *testing.T) {
	want := []string{"table", "json", "sarif", "junit"}
	if diff := cmp.Diff(want, Formats()); diff != "" {
		t.Errorf("Formats() (-want +got):\n%s", diff)
	}
	// Every listed format renders the sample, and the empty report.
	for _, f := range Formats() {
		for _, rep := range []*finding.Report{sampleReport(), {}} {
			if out := render(t, f, rep, Options{}); len(out) == 0 {
				t.Errorf("Write(%q) wrote nothing", f)
			}
		}
	}
}

func TestWriteErrors(t *testing.T) {
	var b bytes.Buffer
	err := Write(&b, "html", sampleReport(), Options{})
	if !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Write(html) error = %v, want ErrUnknownFormat", err)
	}
	if err == nil || !strings.Contains(err.Error(), "table, json, sarif, junit") {
		t.Errorf("error %v should list the formats", err)
	}
	if b.Len() != 0 {
		t.Errorf("Write(html) wrote %d bytes", b.Len())
	}
	if err := Write(&b, "json", nil, Options{}); err == nil {
		t.Error("Write(nil report) succeeded")
	}
	if err := Write(failWriter{}, "json", sampleReport(), Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Write to a failing writer: error = %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriteIsDeterministicAndPure renders each format from the sample and from
// a copy with findings and errors in reverse order, expects the same bytes,
// and checks the input is left untouched.
func TestWriteIsDeterministicAndPure(t *testing.T) {
	twoErrors := func() *finding.Report {
		r := sampleReport()
		r.Errors = append(r.Errors, finding.Error{Path: "a.yaml", Message: "first by path"})
		return r
	}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			rep := twoErrors()
			want := render(t, format, rep, Options{ShowSuppressed: true})
			if diff := cmp.Diff(twoErrors(), rep); diff != "" {
				t.Errorf("Write modified the report (-before +after):\n%s", diff)
			}
			rev := twoErrors()
			slices.Reverse(rev.Findings)
			slices.Reverse(rev.Errors)
			got := render(t, format, rev, Options{ShowSuppressed: true})
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("output depends on input order (-sorted +reversed):\n%s", diff)
			}
		})
	}
}

// TestSummaryRecomputed checks that a stale summary on the input is not trusted.
func TestSummaryRecomputed(t *testing.T) {
	rep := sampleReport()
	rep.Summary = finding.Summary{Critical: 99}
	out := string(render(t, "table", rep, Options{}))
	if !strings.Contains(out, "Findings: 3 (CRITICAL: 1,") {
		t.Errorf("table summary not recomputed:\n%s", out)
	}
}

func TestHelpers(t *testing.T) {
	t.Run("truncate", func(t *testing.T) {
		tests := []struct {
			in   string
			n    int
			want string
		}{
			{"short", 10, "short"},
			{"exactly10!", 10, "exactly10!"},
			{"a long title here", 8, "a long…"},
			{"ünïcödé wörds", 6, "ünïcö…"},
			{"x", 0, ""},
		}
		for _, tt := range tests {
			if got := truncate(tt.in, tt.n); got != tt.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		}
	})
	t.Run("line_range", func(t *testing.T) {
		tests := []struct {
			loc  finding.Location
			want string
		}{
			{finding.Location{}, ""},
			{finding.Location{StartLine: 3}, "3"},
			{finding.Location{StartLine: 3, EndLine: 3}, "3"},
			{finding.Location{StartLine: 3, EndLine: 9}, "3-9"},
		}
		for _, tt := range tests {
			if got := lineRange(tt.loc); got != tt.want {
				t.Errorf("lineRange(%+v) = %q, want %q", tt.loc, got, tt.want)
			}
		}
	})
	t.Run("resource_string", func(t *testing.T) {
		tests := []struct {
			f    finding.Finding
			want string
		}{
			{finding.Finding{}, ""},
			{finding.Finding{Resource: finding.Resource{Kind: "Pod", Name: "p"}}, "Pod/p"},
			{finding.Finding{Resource: finding.Resource{Kind: "Pod", Namespace: "ns", Name: "p"}}, "Pod/ns/p"},
			{finding.Finding{Resource: finding.Resource{Address: "aws_s3_bucket.logs"}}, "aws_s3_bucket.logs"},
			{finding.Finding{Location: finding.Location{Object: "arn:aws:s3:::logs"}}, "arn:aws:s3:::logs"},
		}
		for _, tt := range tests {
			if got := resourceString(tt.f); got != tt.want {
				t.Errorf("resourceString(%+v) = %q, want %q", tt.f.Resource, got, tt.want)
			}
		}
	})
	t.Run("wrap", func(t *testing.T) {
		tests := []struct {
			in    string
			width int
			want  []string
		}{
			{"", 10, nil},
			{"one two three", 7, []string{"one two", "three"}},
			{"a verylongword b", 5, []string{"a", "verylongword", "b"}},
		}
		for _, tt := range tests {
			if diff := cmp.Diff(tt.want, wrap(tt.in, tt.width)); diff != "" {
				t.Errorf("wrap(%q, %d) (-want +got):\n%s", tt.in, tt.width, diff)
			}
		}
	})
	t.Run("group_findings", func(t *testing.T) {
		fs := []finding.Finding{
			{CheckID: "A", Location: finding.Location{Path: "b.yaml"}},
			{CheckID: "B", Target: "cluster:prod", Location: finding.Location{Object: "Pod/x"}},
			{CheckID: "C", Location: finding.Location{Path: "a.yaml"}},
			{CheckID: "D", Location: finding.Location{Path: "b.yaml"}},
			{CheckID: "E"},
		}
		var got [][]string
		for _, g := range groupFindings(fs) {
			ids := []string{g.key}
			for _, f := range g.findings {
				ids = append(ids, f.CheckID)
			}
			got = append(got, ids)
		}
		want := [][]string{{"(no location)", "E"}, {"a.yaml", "C"}, {"b.yaml", "A", "D"}, {"cluster:prod", "B"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("groupFindings (-want +got):\n%s", diff)
		}
	})
}
