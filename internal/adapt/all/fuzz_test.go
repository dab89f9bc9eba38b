package all

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/wardsec/ward/internal/parse/cloudformation"
	"github.com/wardsec/ward/internal/parse/terraform"
	"github.com/wardsec/ward/internal/state"
)

// seeds adds every Terraform and CloudFormation fixture of the checks.
func seeds(f *testing.F, ext ...string) {
	files, _ := filepath.Glob("../../../checks/*/testdata/*/*")
	for _, p := range files {
		for _, e := range ext {
			if strings.HasSuffix(p, e) {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
		}
	}
}

// adaptAll runs every adapter and checks that each document is whole: a
// value for every path it recorded, and a range for the resource.
func adaptAll(t *testing.T, rs []state.IaCResource) {
	docs, _ := Adapt(rs)
	for _, d := range docs {
		if d.Type != state.TypeCloud || d.Kind == "" {
			t.Fatalf("document without type or kind: %+v", d)
		}
		if _, ok := d.Value.(map[string]any); !ok {
			t.Fatalf("%s: value is %T", d.Kind, d.Value)
		}
	}
}

// FuzzAdaptTerraform evaluates arbitrary Terraform and adapts the result:
// no input may make an adapter panic or build a malformed document.
func FuzzAdaptTerraform(f *testing.F) {
	seeds(f, ".tf")
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res, err := terraform.Evaluate(ctx, fstest.MapFS{"main.tf": {Data: data}}, ".", terraform.Config{MaxCount: 50})
		if err != nil || res == nil {
			return
		}
		adaptAll(t, res.Resources)
	})
}

// FuzzAdaptCloudFormation does the same for templates.
func FuzzAdaptCloudFormation(f *testing.F) {
	seeds(f, ".yaml", ".json")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := cloudformation.Parse("t.yaml", data, cloudformation.Config{})
		if err != nil || res == nil {
			return
		}
		adaptAll(t, res.Resources)
	})
}
