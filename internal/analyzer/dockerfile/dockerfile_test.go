package dockerfile_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/analyzer/dockerfile"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

func TestRequired(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"Dockerfile", true},
		{"build/Dockerfile", true},
		{"dockerfile", true},
		{"Containerfile", true},
		{"svc/api.Dockerfile", true},
		{"svc/api.dockerfile", true},
		{"Dockerfile.prod", true},
		{"Dockerfile.alpine-3.20", true},
		{"Containerfile.fedora", true},
		{"Dockerfile.dockerignore", false},
		{"api.Dockerfile.dockerignore", false},
		{".dockerignore", false},
		{"Dockerfile.md", false},
		{".Dockerfile", false},
		{"Dockerfiles/README", false},
		{"docker-compose.yaml", false},
		{"MyDockerfile", false},
		{"Dockerfile/main.go", false},
	}
	for _, tc := range tests {
		if got := (dockerfile.Analyzer{}).Required(tc.path); got != tc.want {
			t.Errorf("Required(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestAnalyze(t *testing.T) {
	src := "FROM alpine:3.20\n# ward:ignore WARD-DOCKER-0001 runs as root by design\nUSER root\n"
	res, err := dockerfile.Analyzer{}.Analyze(context.Background(), analyzer.File{Path: "app/Dockerfile", Content: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 1 {
		t.Fatalf("want one document, got %d", len(res.Documents))
	}
	doc := res.Documents[0]
	if doc.Type != state.TypeDockerfile || doc.Kind != "Dockerfile" || doc.Path != "app/Dockerfile" {
		t.Errorf("document identity = %s/%s/%s", doc.Type, doc.Kind, doc.Path)
	}
	if diff := cmp.Diff(finding.Resource{Kind: "Dockerfile", Name: "app/Dockerfile"}, doc.Resource); diff != "" {
		t.Errorf("resource (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(state.Range{Path: "app/Dockerfile", Start: 1, End: 3}, doc.Range()); diff != "" {
		t.Errorf("range (-want +got):\n%s", diff)
	}
	wantIgnores := []state.InlineIgnore{{Path: "app/Dockerfile", Line: 2, IDs: []string{"WARD-DOCKER-0001"}, Reason: "runs as root by design"}}
	if diff := cmp.Diff(wantIgnores, doc.Ignores); diff != "" {
		t.Errorf("ignores (-want +got):\n%s", diff)
	}
	r, ok := doc.Source.Resolve([]any{"stages", 0, "instructions", 1})
	if !ok || r.Start != 3 {
		t.Errorf("USER instruction resolves to %+v, %v", r, ok)
	}
}

func TestAnalyzeParseError(t *testing.T) {
	res, err := dockerfile.Analyzer{}.Analyze(context.Background(), analyzer.File{Path: "Dockerfile", Content: []byte("FROM alpine\nBOGUS x\n")})
	var pe *limits.ParseError
	if !errors.As(err, &pe) || pe.Line != 2 {
		t.Fatalf("want a ParseError at line 2, got %v", err)
	}
	if res == nil || len(res.Documents) != 0 {
		t.Errorf("want an empty result, got %+v", res)
	}
}

func TestPluginIdentity(t *testing.T) {
	a := dockerfile.Analyzer{}
	if a.ID() != "iac/dockerfile" || a.Version() < 1 {
		t.Errorf("ID/Version = %q/%d", a.ID(), a.Version())
	}
}
