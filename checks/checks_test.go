package checks_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/analyzer/all"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/scan"
)

// TestFixtures is the one runner for every built-in check: each check has a
// testdata/<ID>/ directory with at least one fail* and one pass* fixture. A
// fail fixture must produce a finding of that check with a file and line; a
// pass fixture must produce none.
func TestFixtures(t *testing.T) {
	ctx := context.Background()
	eng, err := policy.New(ctx, policy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scan.New(scan.Config{Engine: eng, Analyzers: all.Files(), DirAnalyzers: all.Dirs()})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range eng.Checks() {
		t.Run(c.ID, func(t *testing.T) {
			domain := strings.TrimPrefix(filepath.Dir(c.File), "builtin/")
			dir := filepath.Join(domain, "testdata", c.ID)
			ents, err := os.ReadDir(dir)
			if err != nil {
				t.Fatalf("check %s has no fixtures: %v", c.ID, err)
			}
			var fails, passes []string
			for _, e := range ents {
				switch {
				case strings.HasPrefix(e.Name(), "fail"):
					fails = append(fails, e.Name())
				case strings.HasPrefix(e.Name(), "pass"):
					passes = append(passes, e.Name())
				}
			}
			if len(fails) == 0 || len(passes) == 0 {
				t.Fatalf("check %s needs at least one fail* and one pass* fixture, has %v / %v", c.ID, fails, passes)
			}
			for _, name := range append(fails, passes...) {
				p := filepath.Join(dir, name)
				rep, err := sc.Scan(ctx, []string{p})
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				for _, e := range rep.Errors {
					t.Errorf("%s: scan error: %s", p, e)
				}
				var got []string
				for _, f := range rep.Findings {
					if f.CheckID != c.ID {
						continue
					}
					got = append(got, f.Location.String())
					if f.Location.Path == "" || f.Location.StartLine == 0 {
						t.Errorf("%s: finding without file and line: %+v", p, f.Location)
					}
				}
				sort.Strings(got)
				if strings.HasPrefix(name, "fail") && len(got) == 0 {
					t.Errorf("%s: want a %s finding, got none", p, c.ID)
				}
				if strings.HasPrefix(name, "pass") && len(got) > 0 {
					t.Errorf("%s: want no %s finding, got %v", p, c.ID, got)
				}
			}
		})
	}
}

// TestEveryCheckHasMetadata asserts the metadata contract of built-in checks.
func TestEveryCheckHasMetadata(t *testing.T) {
	eng, err := policy.New(context.Background(), policy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range eng.Checks() {
		if c.Title == "" || c.Description == "" || c.Remediation == "" {
			t.Errorf("%s (%s): title, description and remediation are required", c.ID, c.File)
		}
		if seen[c.ID] {
			t.Errorf("duplicate ID %s", c.ID)
		}
		seen[c.ID] = true
	}
	_ = fs.ValidPath
}
