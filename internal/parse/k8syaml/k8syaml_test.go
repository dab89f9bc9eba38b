package k8syaml

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

const multi = `# leading comment
apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
    - name: c
      image: nginx
      args: |
        one
        two
---
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: s
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: cm
`

func TestParseMultiDocAndList(t *testing.T) {
	docs, err := Parse("m.yaml", []byte(multi), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, d := range docs {
		kinds = append(kinds, d.Value.(map[string]any)["kind"].(string))
	}
	if diff := cmp.Diff([]string{"Pod", "Service", "ConfigMap"}, kinds); diff != "" {
		t.Fatalf("kinds (-want +got):\n%s", diff)
	}
	tests := []struct {
		name string
		doc  int
		path []any
		want state.Range
	}{
		{"root", 0, nil, state.Range{Path: "m.yaml", Start: 2, End: 12}},
		{"image", 0, []any{"spec", "containers", 0, "image"}, state.Range{Path: "m.yaml", Start: 9, End: 9}},
		{"block_scalar_spans_lines", 0, []any{"spec", "containers", 0, "args"}, state.Range{Path: "m.yaml", Start: 10, End: 12}},
		{"container_item", 0, []any{"spec", "containers", 0}, state.Range{Path: "m.yaml", Start: 8, End: 12}},
		{"list_item_root", 1, nil, state.Range{Path: "m.yaml", Start: 18, End: 21}},
		{"list_item_name", 2, []any{"metadata", "name"}, state.Range{Path: "m.yaml", Start: 25, End: 25}},
		{"missing_falls_back_to_prefix", 0, []any{"spec", "containers", 0, "securityContext", "privileged"}, state.Range{Path: "m.yaml", Start: 8, End: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := docs[tt.doc].Source.Resolve(tt.path)
			if !ok {
				t.Fatal("no range")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("range (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseScalarTypes(t *testing.T) {
	docs, err := Parse("t.yaml", []byte("a: 1\nb: true\nc: 1.5\nd: null\ne: \"1\"\nf: 0x10\n"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": int64(1), "b": true, "c": 1.5, "d": nil, "e": "1", "f": int64(16)}
	if diff := cmp.Diff(want, docs[0].Value); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseMergeKeys(t *testing.T) {
	src := "base: &b {x: 1, y: 2}\nobj:\n  <<: *b\n  y: 3\n"
	docs, err := Parse("m.yaml", []byte(src), Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := docs[0].Value.(map[string]any)["obj"]
	if diff := cmp.Diff(map[string]any{"x": int64(1), "y": int64(3)}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseHostile(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("a: &a [x,x,x,x,x,x,x,x,x,x]\n")
	prev := "a"
	for i := 0; i < 9; i++ {
		name := string(rune('b' + i))
		bomb.WriteString(name + ": &" + name + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				bomb.WriteString(",")
			}
			bomb.WriteString("*" + prev)
		}
		bomb.WriteString("]\n")
		prev = name
	}
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	tests := []struct {
		name  string
		input string
		check func(error) bool
	}{
		{"alias_bomb", bomb.String(), func(err error) bool { var le *limits.LimitError; return errors.As(err, &le) }},
		{"deep_nesting", deep, func(err error) bool {
			var le *limits.LimitError
			var pe *limits.ParseError
			return errors.As(err, &le) || errors.As(err, &pe)
		}},
		{"binary", "\x00\x01\x02kind: Pod", func(err error) bool { var pe *limits.ParseError; return errors.As(err, &pe) }},
		{"invalid_yaml", "a: [1, 2\nb: c", func(err error) bool {
			var pe *limits.ParseError
			return errors.As(err, &pe) && pe.Line > 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("h.yaml", []byte(tt.input), Config{})
			if err == nil {
				t.Fatal("want an error")
			}
			if !tt.check(err) {
				t.Fatalf("wrong error type: %T %v", err, err)
			}
		})
	}
}

// TestAliasBombIsHostile proves the bomb fixture expands past the limit: with
// a limit high enough for the expansion, it parses (so the limit, not a
// syntax problem, is what stops it).
func TestAliasBombIsHostile(t *testing.T) {
	src := "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	if _, err := Parse("b.yaml", []byte(src), Config{MaxNodes: 100}); err == nil {
		t.Fatal("1,000+ node expansion should exceed a 100-node limit")
	}
	if _, err := Parse("b.yaml", []byte(src), Config{MaxNodes: 10_000}); err != nil {
		t.Fatalf("same input under a higher limit: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(multi))
	f.Add([]byte("a: &a [1]\nb: *a\n"))
	f.Add([]byte("{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}"))
	f.Add([]byte("- [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := Parse("f.yaml", data, Config{MaxNodes: 50_000})
		for _, d := range docs {
			if _, ok := d.Source.Resolve(nil); !ok && d.Value != nil {
				if _, isMap := d.Value.(map[string]any); isMap {
					t.Fatalf("document without a root range")
				}
			}
		}
	})
}
