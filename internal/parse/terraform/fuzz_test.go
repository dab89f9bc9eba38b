package terraform

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/wardsec/ward/internal/limits"
)

func fuzzSeeds(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range a.Files {
			if filepath.Ext(file.Name) == ".tf" {
				f.Add(file.Data)
			}
		}
	}
	f.Add([]byte("locals {\n a = [for i in range(100000): i]\n}\n"))
	f.Add([]byte("resource \"x\" \"y\" {\n count = 1e300\n}\n"))
}

// FuzzParseFile: never panics; fails only with a typed error.
func FuzzParseFile(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseFile("main.tf", data)
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
		}
	})
}

// FuzzEvaluate: random main.tf evaluates without panic, within bounds.
func FuzzEvaluate(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		fsys := fstest.MapFS{
			"main.tf":          {Data: data},
			"mod/main.tf":      {Data: data},
			"terraform.tfvars": {Data: []byte("a = 1\n")},
		}
		res, err := Evaluate(ctx, fsys, ".", Config{MaxCount: 100})
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Evaluate: %v", err)
		}
		if res != nil {
			for _, r := range res.Resources {
				if r.Address == "" || r.Value == nil {
					t.Fatalf("bad resource %+v", r)
				}
			}
		}
	})
}
