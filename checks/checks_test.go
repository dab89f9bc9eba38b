package checks_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	adaptall "github.com/wardsec/ward/internal/adapt/all"
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
		if c.Domain == "image" {
			// Image checks read image configurations, not files: their
			// fixtures run in internal/source/image (TestImageChecks).
			continue
		}
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
		if c.Domain == "aws" || c.Domain == "gcp" || c.Domain == "azure" {
			cloudMetadata(t, c)
		}
	}
	_ = fs.ValidPath
}

// cloudMetadata checks what every cloud check declares: the kinds it reads
// (so it is dispatched by kind) and controls of the cross-cloud frameworks.
func cloudMetadata(t *testing.T, c *policy.Check) {
	t.Helper()
	if len(c.Types) != 1 || c.Types[0] != "cloud" || len(c.Kinds) == 0 {
		t.Errorf("%s: cloud checks take input type cloud and name their kinds, got %v %v", c.ID, c.Types, c.Kinds)
	}
	prefix := map[string]string{"aws": "aws.", "gcp": "google.", "azure": "azure."}[c.Domain]
	known := map[string]bool{"aws.s3.bucket": true, "aws.ec2.security_group": true, "aws.iam.policy": true}
	for _, s := range adaptall.Sets() {
		for _, k := range s.Kinds() {
			known[k] = true
		}
	}
	for _, k := range c.Kinds {
		if !strings.HasPrefix(k, prefix) {
			t.Errorf("%s: kind %q is not a %s kind", c.ID, k, c.Domain)
		}
		if !known[k] {
			t.Errorf("%s: kind %q is declared nowhere (docs/cloud-kinds.md)", c.ID, k)
		}
	}
	have := map[string]bool{}
	for _, ctl := range c.Controls {
		have[ctl.Framework] = true
	}
	for _, fw := range []string{"pci-dss-4.0", "soc2", "iso27001-2022"} {
		if !have[fw] {
			t.Errorf("%s: no %s control", c.ID, fw)
		}
	}
	for fw := range have {
		switch fw {
		case "cis-aws", "cis-gcp", "cis-azure", "pci-dss-4.0", "soc2", "iso27001-2022":
		default:
			t.Errorf("%s: unknown framework key %q", c.ID, fw)
		}
	}
}
