package java

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// GradleLock extracts the packages of Gradle dependency lockfiles:
// gradle.lockfile, buildscript-gradle.lockfile and the per-configuration
// files of gradle/dependency-locks/. A line is
// "group:artifact:version=configuration,…"; "empty=…" lines and comments
// are skipped. A package locked only in test configurations
// (testCompileClasspath, integrationTestRuntimeClasspath) is reported with
// Dev set. A malformed line gives a *limits.ParseError returned together
// with the packages of the other lines.
type GradleLock struct {
	cfg Config
}

var _ extract.Extractor = (*GradleLock)(nil)

// NewGradleLock returns the Gradle lockfile extractor.
func NewGradleLock(cfg Config) (*GradleLock, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &GradleLock{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*GradleLock) ID() string { return GradleLockID }

// Version implements extract.Extractor.
func (*GradleLock) Version() int { return 1 }

// Required implements extract.Extractor.
func (*GradleLock) Required(p string, _ int64, _ fs.FileMode) bool {
	switch path.Base(p) {
	case "gradle.lockfile", "buildscript-gradle.lockfile":
		return true
	}
	return strings.HasSuffix(p, ".lockfile") &&
		(strings.HasPrefix(p, "gradle/dependency-locks/") || strings.Contains(p, "/gradle/dependency-locks/"))
}

// Extract implements extract.Extractor.
func (e *GradleLock) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	data, err := extract.ReadAll(in, e.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	// Per-configuration lockfiles (gradle/dependency-locks/testRuntimeClasspath.lockfile)
	// name the configuration in the file name instead of after "=".
	fileConf := ""
	if b := path.Base(in.Path); b != "gradle.lockfile" && b != "buildscript-gradle.lockfile" {
		fileConf = strings.TrimSuffix(b, ".lockfile")
	}
	var (
		pkgs     []inventory.Package
		firstErr error
		seen     = map[string]bool{}
	)
	for i, line := range bytes.Split(data, []byte("\n")) {
		if i%4096 == 0 && ctx.Err() != nil {
			return pkgs, ctx.Err()
		}
		s := strings.TrimSpace(string(line))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		coord, confs, _ := strings.Cut(s, "=")
		if coord == "empty" {
			continue
		}
		parts := strings.Split(coord, ":")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			if firstErr == nil {
				firstErr = &limits.ParseError{Path: in.Path, Line: i + 1, Col: 1,
					Msg: fmt.Sprintf("want group:artifact:version, got %q", truncate(coord, 80))}
			}
			continue
		}
		if confs == "" {
			confs = fileConf
		}
		name := parts[0] + ":" + parts[1]
		if seen[name+"@"+parts[2]] {
			continue
		}
		seen[name+"@"+parts[2]] = true
		pkgs = append(pkgs, inventory.Package{
			Name:      name,
			Version:   parts[2],
			Ecosystem: inventory.Maven,
			Location:  in.Path,
			Extractor: GradleLockID,
			Dev:       testOnly(confs),
		})
	}
	return pkgs, firstErr
}

// testOnly reports whether every configuration of a comma-separated list
// is a test one.
func testOnly(confs string) bool {
	if confs == "" {
		return false
	}
	for c := range strings.SplitSeq(confs, ",") {
		c = strings.TrimSpace(c)
		if !strings.HasPrefix(c, "test") && !strings.Contains(c, "Test") {
			return false
		}
	}
	return true
}

// truncate shortens s for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
