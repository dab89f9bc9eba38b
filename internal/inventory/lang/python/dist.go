package python

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// DistID is the plugin ID of the installed distribution extractor.
const DistID = "lang/python-dist"

// Dist reports installed Python distributions from their core metadata:
// "*.dist-info/METADATA" (wheels, pip) and "*.egg-info/PKG-INFO"
// (setuptools). Only the RFC 822 header block up to the first blank line is
// read (Name, Version, License-Expression, License, license classifiers);
// the description body is never read.
type Dist struct {
	cfg Config
}

var _ extract.Extractor = (*Dist)(nil)

// NewDist returns the installed distribution extractor.
func NewDist(cfg Config) (*Dist, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Dist{cfg: cfg}, nil
}

// ID implements extract.Extractor.
func (*Dist) ID() string { return DistID }

// Version implements extract.Extractor.
func (*Dist) Version() int { return 1 }

// Required implements extract.Extractor.
func (*Dist) Required(p string, _ int64, _ fs.FileMode) bool {
	dir, base := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	switch base {
	case "METADATA":
		return strings.HasSuffix(dir, ".dist-info") && len(path.Base(dir)) > len(".dist-info")
	case "PKG-INFO":
		return strings.HasSuffix(dir, ".egg-info") && len(path.Base(dir)) > len(".egg-info")
	}
	return false
}

// maxHeaderLine bounds one physical header line.
const maxHeaderLine = 64 << 10

// Extract implements extract.Extractor.
func (d *Dist) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := io.NewSectionReader(in.Reader, 0, in.Size)
	return parseMetadata(in.Path, r, d.cfg.MaxFileSize)
}

// parseMetadata reads the header block of a core metadata file, at most
// maxHeader bytes of it.
func parseMetadata(p string, r io.Reader, maxHeader int64) ([]inventory.Package, error) {
	// One byte over the limit tells a long header block from a short file.
	lr := &io.LimitedReader{R: r, N: maxHeader + 1}
	sc := bufio.NewScanner(lr)
	sc.Buffer(make([]byte, 0, 4096), maxHeaderLine)
	var name, version, expression, license string
	var classifiers []string
	field := "" // the field a continuation line extends
	line := 0
	blank := false // the header block ended
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" {
			blank = true
			break
		}
		if text[0] == ' ' || text[0] == '\t' {
			// Continuation of a folded value: only License can use it, and
			// only its first line is kept.
			if field == "" {
				return nil, &limits.ParseError{Path: p, Line: line, Col: 1, Msg: "metadata: continuation line before any header"}
			}
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok || strings.ContainsAny(key, " \t") || key == "" {
			return nil, &limits.ParseError{Path: p, Line: line, Col: 1, Msg: fmt.Sprintf("metadata: malformed header %q", truncate(text, 40))}
		}
		field = key
		value = strings.TrimSpace(value)
		switch strings.ToLower(key) {
		case "name":
			name = value
		case "version":
			version = value
		case "license-expression":
			expression = value
		case "license":
			license = value
		case "classifier":
			if l, ok := strings.CutPrefix(value, "License :: "); ok {
				parts := strings.Split(l, " :: ")
				classifiers = append(classifiers, strings.TrimSpace(parts[len(parts)-1]))
			}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("read %q: %w", p, &limits.LimitError{What: "metadata header line", Limit: maxHeaderLine})
		}
		return nil, fmt.Errorf("read %q: %w", p, err)
	}
	if !blank && lr.N <= 0 {
		return nil, fmt.Errorf("read %q: %w", p, &limits.LimitError{What: "metadata header size", Limit: maxHeader})
	}
	if name == "" || version == "" {
		return nil, &limits.ParseError{Path: p, Msg: "metadata: missing Name or Version"}
	}
	if !validName(name) {
		return nil, &limits.ParseError{Path: p, Msg: fmt.Sprintf("metadata: invalid Name %q", truncate(name, 40))}
	}
	pkg := newPackage(name, version, p, DistID)
	switch {
	case expression != "":
		pkg.Licenses = []string{expression}
	case license != "" && !strings.EqualFold(license, "UNKNOWN") && len(license) <= 100:
		// Long values are whole license texts, not names.
		pkg.Licenses = []string{license}
	default:
		pkg.Licenses = classifiers
	}
	return []inventory.Package{pkg}, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
