package ignore

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/comment"
	"github.com/wardsec/ward/internal/state"
)

const sample = `ignore:
  - id: WARD-K8S-0001
    paths: ["deploy/dev/**"]
    reason: dev cluster only
  - id: WARD-K8S-0002
    resource: "Deployment/shop/*"
    expires: 2026-01-31
  - fingerprint: abc123
    reason: accepted risk
`

func TestMatch(t *testing.T) {
	f, err := Parse(".wardignore", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	later := time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)
	mk := func(id, path string, res finding.Resource, fp string) *finding.Finding {
		return &finding.Finding{CheckID: id, Location: finding.Location{Path: path}, Target: path, Resource: res, Fingerprint: fp}
	}
	shop := finding.Resource{Kind: "Deployment", Namespace: "shop", Name: "web"}
	tests := []struct {
		name string
		f    *finding.Finding
		now  time.Time
		want bool
	}{
		{"path_glob_matches", mk("WARD-K8S-0001", "deploy/dev/a/web.yaml", shop, "x"), now, true},
		{"path_glob_other_dir", mk("WARD-K8S-0001", "deploy/prod/web.yaml", shop, "x"), now, false},
		{"resource_glob", mk("WARD-K8S-0002", "any.yaml", shop, "x"), now, true},
		{"resource_other_ns", mk("WARD-K8S-0002", "any.yaml", finding.Resource{Kind: "Deployment", Namespace: "web", Name: "web"}, "x"), now, false},
		{"expired_rule", mk("WARD-K8S-0002", "any.yaml", shop, "x"), later, false},
		{"expiry_day_still_applies", mk("WARD-K8S-0002", "any.yaml", shop, "x"), time.Date(2026, 1, 31, 23, 0, 0, 0, time.UTC), true},
		{"fingerprint", mk("WARD-K8S-0099", "z.yaml", shop, "abc123"), now, true},
		{"other_check", mk("WARD-K8S-0003", "deploy/dev/web.yaml", shop, "x"), now, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.Match(tt.f, tt.now) != nil; got != tt.want {
				t.Errorf("match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no_id", "- reason: x\n", "id or a fingerprint"},
		{"bad_date", "- id: A-1\n  expires: tomorrow\n", "not a date"},
		{"bad_glob", "- id: A-1\n  paths: ['[']\n", "invalid path glob"},
		{"not_a_list", "ignore: 5\n", "want a list"},
		{"binary", "\x00\x00", "binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("i", []byte(tt.in))
			var pe *limits.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want ParseError containing %q, got %v", tt.want, err)
			}
		})
	}
	if _, err := Parse("i", make([]byte, MaxSize+1)); err == nil {
		t.Fatal("oversized ignore file accepted")
	}
}

func TestInline(t *testing.T) {
	src := "# ward:ignore WARD-K8S-0002 whole object\napiVersion: v1\nkind: Pod\nspec:\n  hostPID: true # ward:ignore WARD-K8S-0003 needed for debugging\n  hostIPC: true\n"
	ig := comment.Ignores("p.yaml", []byte(src))
	doc := &state.Document{Path: "p.yaml", Ignores: ig, Source: state.SourceMap{"": {Path: "p.yaml", Start: 2, End: 6}}}
	at := func(id string, line int) *finding.Finding {
		return &finding.Finding{CheckID: id, Location: finding.Location{Path: "p.yaml", StartLine: line, EndLine: line}}
	}
	if s := Inline(at("WARD-K8S-0002", 6), doc); s == nil || s.Reason != "whole object" {
		t.Errorf("comment above the document should suppress anywhere in it: %+v", s)
	}
	if s := Inline(at("WARD-K8S-0003", 5), doc); s == nil || s.Source != "p.yaml:5" {
		t.Errorf("trailing comment should suppress its line: %+v", s)
	}
	if s := Inline(at("WARD-K8S-0003", 6), doc); s != nil {
		t.Errorf("a line comment must not reach a later line's finding: %+v", s)
	}
	if s := Inline(at("WARD-K8S-0004", 5), doc); s != nil {
		t.Errorf("other check IDs stay: %+v", s)
	}
	doc.Annotations = []string{"WARD-K8S-0004"}
	if s := Inline(at("WARD-K8S-0004", 5), doc); s == nil || s.Kind != "annotation" {
		t.Errorf("annotation should suppress: %+v", s)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("- id: A-1\n"))
	f.Add([]byte("ignore: [{fingerprint: x, expires: 2020-01-01}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("f", data)
		if err != nil {
			return
		}
		fd := &finding.Finding{CheckID: "A-1", Fingerprint: "x", Location: finding.Location{Path: "a/b"}}
		file.Match(fd, time.Now())
	})
}
