// Package archtest enforces the layering of DESIGN.md: imports point down
// only, and packages of one layer do not import other concepts of the same
// layer.
package archtest

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/wardsec/ward"

// layers lists each concept (the first path element under internal/, or a
// top-level directory) by layer: tens are DESIGN.md's layers, units order
// the concepts inside the two lowest layers (state builds on finding,
// parsers on state). A package may import only lower numbers or its own
// concept, so engines (all 20) never import each other.
var layers = map[string]int{
	// foundations
	"internal/limits": 0, "internal/version": 0, "internal/units": 0,
	"internal/vfs": 1, "internal/log": 1, "internal/kubetest": 1,
	// data and pure parsers
	"internal/finding": 10, "checks": 10,
	"internal/state": 11, "internal/inventory": 11, "internal/event": 11,
	"internal/parse": 12,
	// engines
	"internal/source": 20, "internal/collect": 20, "internal/analyzer": 20, "internal/adapt": 20,
	"internal/policy": 20, "internal/vuln": 20, "internal/secret": 20, "internal/report": 20,
	"internal/sensor": 20, "internal/detect": 20,
	"internal/bus": 20, "internal/store": 20, "internal/compliance": 20, "internal/ignore": 20, "internal/sbom": 20,
	// orchestration per product surface
	"internal/scan": 30, "internal/admission": 30, "internal/runtime": 30, "internal/server": 30,
	// command line
	"internal/cli": 40,
	// mains
	"cmd": 50, "bench": 50,
}

func concept(pkg string) (string, bool) {
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	parts := strings.Split(rel, "/")
	if parts[0] == "internal" && len(parts) > 1 {
		parts = parts[:2]
	} else {
		parts = parts[:1]
	}
	c := strings.Join(parts, "/")
	_, ok := layers[c]
	return c, ok
}

func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-e", "-json=ImportPath,Imports", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p.ImportPath, "/archtest") || p.ImportPath == module+"/internal" {
			continue
		}
		n++
		from, ok := concept(p.ImportPath)
		if !ok {
			t.Errorf("package %s is in no layer: add its concept to layers (DESIGN.md)", p.ImportPath)
			continue
		}
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			to, ok := concept(imp)
			if !ok {
				continue // reported when that package is visited
			}
			if to != from && layers[to] >= layers[from] {
				t.Errorf("%s (layer %d) imports %s (layer %d): imports must point down, and concepts of one layer must not import each other", p.ImportPath, layers[from], imp, layers[to])
			}
		}
	}
	if n < 5 {
		t.Fatalf("only %d packages listed; the test is not seeing the module", n)
	}
}

// TestLayeringDetects proves the rule fires on a bad edge.
func TestLayeringDetects(t *testing.T) {
	from, _ := concept(module + "/internal/finding")
	to, _ := concept(module + "/internal/scan")
	if !(from != to && layers[to] >= layers[from]) {
		t.Fatal("finding -> scan should be refused")
	}
	a, _ := concept(module + "/internal/policy")
	b, _ := concept(module + "/internal/report")
	if !(a != b && layers[b] >= layers[a]) {
		t.Fatal("policy -> report should be refused")
	}
	c, _ := concept(module + "/internal/analyzer/helm")
	d, _ := concept(module + "/internal/analyzer")
	if c != d {
		t.Fatal("analyzer/helm -> analyzer is one concept and must be allowed")
	}
}
