package cloudformation

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/limits"
)

// slowInput fails a fuzz input that takes longer (a hang or blow-up).
const slowInput = 2 * time.Second

// FuzzParse: never panics; fails only with a typed error; IsTemplate never
// panics either.
func FuzzParse(f *testing.F) {
	for _, pat := range []string{"testdata/*.yaml", "testdata/*.json"} {
		paths, _ := filepath.Glob(pat)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(header + "!Sub [\"${A}${B.C}${!D}\", {A: !GetAZs x}]\n"))
	f.Add([]byte("Conditions:\n  A: !And [!Condition B, !Or [!Condition A]]\n  B: !Condition A\nResources:\n  R:\n    Type: AWS::X::Y\n    Condition: A\n    Properties: !If [A, {Ref: AWS::NoValue}, 1]\n"))
	f.Add([]byte("Transform: [AWS::Serverless-2016-10-31]\nGlobals:\n  Function: {Layers: [a], Environment: {Variables: {X: 1}}}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Layers: [b, !Ref AWS::NoValue, c]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		IsTemplate("t.yaml", data)
		res, err := Parse("t.yaml", data, Config{MaxNodes: 20_000})
		if d := time.Since(start); d > slowInput {
			t.Fatalf("slow input: %v", d)
		}
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		for _, r := range res.Resources {
			if r.Value == nil || r.Type == "" || r.Name == "" {
				t.Fatalf("incomplete resource %+v", r)
			}
		}
	})
}
