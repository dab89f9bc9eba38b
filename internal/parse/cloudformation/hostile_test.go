package cloudformation

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
)

// aliasBomb builds a billion-laughs template: 9 levels of 9 aliases each.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n")
	b.WriteString("      L0: &l0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "      L%d: &l%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestHostile(t *testing.T) {
	var chain strings.Builder
	chain.WriteString("Conditions:\n")
	for i := range 5000 {
		fmt.Fprintf(&chain, "  C%d: !Not [!Condition C%d]\n", i, i+1)
	}
	chain.WriteString("  C5000: !Equals [a, a]\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Condition: C0\n")

	var mapping strings.Builder
	mapping.WriteString("Mappings:\n  M:\n    k:\n      v: [")
	for i := range 20000 {
		if i > 0 {
			mapping.WriteString(",")
		}
		mapping.WriteString("x")
	}
	mapping.WriteString("]\nResources:\n")
	for i := range 200 {
		fmt.Fprintf(&mapping, "  R%d:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: !FindInMap [M, k, v]\n", i)
	}

	tests := []struct {
		name string
		src  string
		// wantLimit: Parse fails with a *limits.LimitError; otherwise it
		// succeeds and check (if set) holds.
		wantLimit bool
		check     func(t *testing.T, res *Result)
	}{
		{name: "alias_bomb", src: aliasBomb(), wantLimit: true},
		{name: "deep_nesting", src: "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", wantLimit: true},
		{name: "sub_many_refs", src: "Parameters:\n  P: {Type: String, Default: ab}\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: !Sub \"" + strings.Repeat("${P}", 100_000) + "\"\n",
			check: func(t *testing.T, res *Result) {
				if got := len(res.Resources[0].Value["A"].(string)); got != 200_000 {
					t.Errorf("len = %d", got)
				}
			}},
		{name: "condition_chain", src: chain.String(), check: func(t *testing.T, res *Result) {
			if len(res.Resources) != 1 {
				t.Errorf("resources = %d, want 1 (deep chain is unknown → kept)", len(res.Resources))
			}
			if len(res.Errors) == 0 {
				t.Error("no error for the over-deep condition chain")
			}
		}},
		{name: "findinmap_amplification", src: mapping.String(), wantLimit: true},
		{name: "sub_unterminated", src: "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: !Sub \"${" + strings.Repeat("${", 50_000) + "\"\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Prove the fixture is hostile where that is about expansion.
			if tc.name == "alias_bomb" {
				var n yaml.Node
				if err := yaml.Unmarshal([]byte(tc.src), &n); err != nil {
					t.Fatalf("fixture is not YAML: %v", err)
				}
				if len(tc.src) > 1000 {
					t.Fatalf("fixture is %d bytes, want a small file", len(tc.src))
				}
			}
			start := time.Now()
			res, err := Parse("h.yaml", []byte(tc.src), Config{})
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			var le *limits.LimitError
			if tc.wantLimit {
				if !errors.As(err, &le) {
					t.Fatalf("err = %v, want *limits.LimitError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if tc.check != nil {
				tc.check(t, res)
			}
		})
	}
}
