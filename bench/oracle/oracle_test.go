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
	m, err := ParseMapping(defaultMapping)
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
}
