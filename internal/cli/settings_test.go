package cli

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
)

func TestReadConfigFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		t.Helper()
		p := filepath.Join(dir, name)
		body := "format: json\n"
		body += "#" + strings.Repeat("x", size-len(body)-2) + "\n"
		if len(body) != size {
			t.Fatalf("fixture is %d bytes, want %d", len(body), size)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	m, err := readConfigFile(write("at_limit.yaml", maxConfigSize), true)
	if err != nil || m["format"] != "json" {
		t.Fatalf("a config of exactly %d bytes: %v, %v", maxConfigSize, m, err)
	}
	_, err = readConfigFile(write("over_limit.yaml", maxConfigSize+1), true)
	var le *limits.LimitError
	if !errors.As(err, &le) || le.Limit != maxConfigSize {
		t.Fatalf("a config of %d bytes: want *limits.LimitError, got %T %v", maxConfigSize+1, err, err)
	}
}

// aliasBomb is a ward.yaml of a few hundred bytes whose aliases expand to
// 10^9 scalars.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		prev := "*a" + string(rune('0'+i-1))
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	b.WriteString("format: [" + strings.Repeat("*a8, ", 9) + "*a8]\n")
	return b.String()
}

// expandedSize counts the nodes a YAML document becomes once every alias is
// expanded, without expanding them.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int64) int64 {
	if n.Kind == yaml.AliasNode {
		return expandedSize(n.Alias, memo)
	}
	if v, ok := memo[n]; ok {
		return v
	}
	total := int64(1)
	for _, c := range n.Content {
		total += expandedSize(c, memo)
	}
	memo[n] = total
	return total
}

func TestConfigHostileFixturesAreHostile(t *testing.T) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(aliasBomb()), &n); err != nil {
		t.Fatalf("the alias bomb must be valid YAML: %v", err)
	}
	if got := expandedSize(&n, map[*yaml.Node]int64{}); got < 1_000_000_000 {
		t.Fatalf("alias bomb expands to %d nodes, want at least 10^9", got)
	}
	if len(aliasBomb()) > 1024 {
		t.Fatalf("alias bomb is %d bytes; it should be small", len(aliasBomb()))
	}
}

// TestParseConfigHostile refuses an alias bomb and deep nesting quickly,
// with a typed error and bounded allocation.
func TestParseConfigHostile(t *testing.T) {
	tests := []struct {
		name  string
		input string
	}{
		{"alias_bomb", aliasBomb()},
		// 400,000 levels of flow sequences: under the size cap, far past
		// any sane depth.
		{"deep_flow_nesting", "format: " + strings.Repeat("[", 400_000) + strings.Repeat("]", 400_000)},
		{"deep_flow_mappings", "format: " + strings.Repeat("{a: ", 200_000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.input) > maxConfigSize {
				t.Fatalf("fixture is %d bytes, over the size cap: it would not reach the parser", len(tt.input))
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := parseConfig("ward.yaml", []byte(tt.input))
			runtime.ReadMemStats(&after)
			var pe *limits.ParseError
			if !errors.As(err, &pe) || pe.Path != "ward.yaml" {
				t.Fatalf("want *limits.ParseError for ward.yaml, got %T %v", err, err)
			}
			t.Logf("refused: %.100s", err)
			const maxAlloc = 256 << 20
			if got := after.TotalAlloc - before.TotalAlloc; got > maxAlloc {
				t.Errorf("allocated %d MiB refusing %d bytes, want under %d MiB", got>>20, len(tt.input), maxAlloc>>20)
			}
		})
	}
}

func TestConfigValuesRefusesMappings(t *testing.T) {
	m, err := parseConfig("ward.yaml", []byte("a: {1: x}\nb: [{1: x}]\nc: [[x]]\nd: {k: v}\ne: [x, 1, true]\nf: ~\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"a", "b", "c", "d"} {
		if vals, err := configValues(m[k]); err == nil {
			t.Errorf("key %s: %#v accepted as %q", k, m[k], vals)
		}
	}
	vals, err := configValues(m["e"])
	if err != nil || strings.Join(vals, ",") != "x,1,true" {
		t.Errorf("list of scalars: %q, %v", vals, err)
	}
	if vals, err := configValues(m["f"]); err != nil || len(vals) != 1 || vals[0] != "" {
		t.Errorf("null: %q, %v", vals, err)
	}
}
