package dockerfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/wardsec/ward/internal/limits"
)

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, must fail
// only with a typed error, and on success must produce a value and source
// map that satisfy the invariants checked for the fixtures.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.Dockerfile")
	fixtures, _ := filepath.Glob("../../../checks/docker/testdata/*/*.Dockerfile")
	for _, p := range append(seeds, fixtures...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("FROM a\nONBUILD ONBUILD RUN x\n"))
	f.Add([]byte("FROM a AS b\nFROM b AS b\nCOPY --from=b <<EOF <<-EOT /x\nEOF\n\tEOT\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		df, err := Parse("Dockerfile", data)
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			if pe != nil && pe.Line < 0 {
				t.Fatalf("negative line: %v", err)
			}
			return
		}
		checkInvariants(t, df)
	})
}
