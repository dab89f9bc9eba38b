package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanKubernetesExamples scans ../shared/corpora/kubernetes-examples
// (about 500 manifests) end to end: walk, parse, evaluate every check.
func BenchmarkScanKubernetesExamples(b *testing.B) {
	dir, _ := filepath.Abs("../../../shared/corpora/kubernetes-examples")
	if _, err := os.Stat(dir); err != nil {
		b.Fatalf("corpus missing: %v", err)
	}
	s := newScanner(b, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := s.Scan(context.Background(), []string{dir})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Findings) == 0 {
			b.Fatal("no findings")
		}
	}
}

// BenchmarkScanOneDeployment is the per-object cost of the whole check set.
func BenchmarkScanOneDeployment(b *testing.B) {
	dir := b.TempDir()
	p := filepath.Join(dir, "d.yaml")
	if err := os.WriteFile(p, []byte(privilegedPod), 0o644); err != nil {
		b.Fatal(err)
	}
	s := newScanner(b, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Scan(context.Background(), []string{p}); err != nil {
			b.Fatal(err)
		}
	}
}
