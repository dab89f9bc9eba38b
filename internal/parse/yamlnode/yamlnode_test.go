package yamlnode

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
)

func TestScalarAndLastLine(t *testing.T) {
	var doc yaml.Node
	src := "a: 1\nb: true\nc: 1.5\nd: null\ne: \"2\"\nf: |\n  x\n  y\n"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Content[0]
	var got []any
	for i := 1; i < len(m.Content); i += 2 {
		got = append(got, Scalar(m.Content[i]))
	}
	if diff := cmp.Diff([]any{int64(1), true, 1.5, nil, "2", "x\ny\n"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n := LastLine(m); n != 8 {
		t.Errorf("LastLine = %d, want 8 (end of the block scalar)", n)
	}
}

func TestErrorAndIsText(t *testing.T) {
	var n yaml.Node
	err := Error("f.yaml", yaml.Unmarshal([]byte("a: [1\nb: 2"), &n))
	var pe *limits.ParseError
	if !errors.As(err, &pe) || pe.Line == 0 || pe.Path != "f.yaml" {
		t.Errorf("want a located ParseError, got %v", err)
	}
	if IsText([]byte("a\x00b")) || !IsText([]byte("kind: Pod")) {
		t.Error("IsText")
	}
}
