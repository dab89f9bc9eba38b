//go:build integration

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Targets of the foundation issue, over the concepts Ward claims.
const (
	minRecall = 0.90
	maxFPRate = 0.05
)

// sharedDir is $WARD_SHARED, else ../shared next to the repository root.
func sharedDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("WARD_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("repository root (go.mod) not found above the test directory")
		}
		dir = parent
	}
}

func TestOracles(t *testing.T) {
	shared := sharedDir(t)
	if _, err := os.Stat(filepath.Join(shared, "corpora")); err != nil {
		t.Fatalf("corpora missing: %v (put the shared corpora at %s or set WARD_SHARED)", err, filepath.Join(shared, "corpora"))
	}
	m, err := DefaultMapping() // mapping.yaml + cloud/*.yaml
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Shared: shared, Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	WriteTable(&buf, res)
	WriteDetails(&buf, res)
	t.Log("\n" + buf.String())
	for _, c := range res.Corpora {
		t.Run(c.Corpus, func(t *testing.T) {
			if c.Fail == 0 || c.Pass == 0 {
				t.Fatalf("no measured cases (fail %d, pass %d): the mapping claims nothing here", c.Fail, c.Pass)
			}
			for _, r := range c.Rows {
				if len(r.MissingChecks) > 0 {
					t.Errorf("%s maps to checks Ward does not have: %v", r.OracleID, r.MissingChecks)
				}
			}
			if got := c.Recall(); got < minRecall {
				t.Errorf("recall %.3f (%d/%d) < %.2f", got, c.FailFlagged, c.Fail, minRecall)
			}
			if got := c.FPRate(); got > maxFPRate {
				t.Errorf("false-positive rate %.3f (%d/%d) > %.2f", got, c.PassFlagged, c.Pass, maxFPRate)
			}
		})
	}
	trivy := corpusResult(t, res, CorpusTrivy)
	for _, input := range []string{InputTerraform, InputCloudFormation} {
		t.Run(CorpusTrivy+"/"+input, func(t *testing.T) {
			assertInputTargets(t, trivy, input)
		})
	}
}

// assertInputTargets applies the targets to one input type of a corpus,
// when the mapping claims at least one ID with units of that type.
func assertInputTargets(t *testing.T, c *CorpusResult, input string) {
	t.Helper()
	in := c.Input(input)
	if in == nil {
		t.Fatalf("%s has no %s units", c.Corpus, input)
	}
	if in.Claimed == 0 {
		t.Skipf("no %s ID claimed yet", input)
	}
	if in.Fail+in.Pass == 0 {
		t.Errorf("%d %s IDs claimed but no unit measured (%d skipped, %d excluded)", in.Claimed, input, in.Skipped, in.Excluded)
	}
	if got := in.Recall(); got < minRecall {
		t.Errorf("%s recall %.3f (%d/%d) < %.2f", input, got, in.FailFlagged, in.Fail, minRecall)
	}
	if got := in.FPRate(); got > maxFPRate {
		t.Errorf("%s false-positive rate %.3f (%d/%d) > %.2f", input, got, in.PassFlagged, in.Pass, maxFPRate)
	}
}

func corpusResult(t *testing.T, res *Result, corpus string) *CorpusResult {
	t.Helper()
	for _, c := range res.Corpora {
		if c.Corpus == corpus {
			return c
		}
	}
	t.Fatalf("no result for %s", corpus)
	return nil
}

// TestTrivyCloudMechanics runs the real trivy-checks terraform and
// cloudformation snippets of one ID (AWS-0092, S3 ACL) through the harness
// with a test-only mapping (testdata/mapping-aws-0092.yaml, merged with
// mapping.yaml but not cloud/*.yaml, where the ID may be claimed for real),
// so the mechanics are exercised whatever cloud/ claims today.
func TestTrivyCloudMechanics(t *testing.T) {
	shared := sharedDir(t)
	extra, err := ReadMappingFiles([]string{"testdata/mapping-aws-0092.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := MergeMappings(append([]MappingFile{{Name: "mapping.yaml", Data: defaultMapping}}, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Shared: shared, Corpora: []string{CorpusTrivy}, Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	WriteTable(&buf, res)
	WriteDetails(&buf, res)
	t.Log("\n" + buf.String())
	c := corpusResult(t, res, CorpusTrivy)
	for _, input := range []string{InputTerraform, InputCloudFormation} {
		t.Run(input, func(t *testing.T) {
			in := c.Input(input)
			if in == nil || in.Claimed != 1 || in.Fail == 0 || in.Pass == 0 {
				t.Fatalf("want AWS-0092 measured on %s fail and pass units, got %+v", input, in)
			}
			assertInputTargets(t, c, input)
		})
	}
}
