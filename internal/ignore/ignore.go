// Package ignore decides which findings are suppressed: by the ignore file
// (.wardignore), by inline `ward:ignore` comments, and by the
// `ward.dev/ignore` annotation. Suppressed findings are kept and marked, not
// dropped, so reports can count and list them.
package ignore

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
)

// Rule is one entry of the ignore file.
type Rule struct {
	// ID is a check ID ("WARD-K8S-0001"); empty matches any check when a
	// fingerprint is given.
	ID string `yaml:"id"`
	// Fingerprint matches one finding exactly.
	Fingerprint string `yaml:"fingerprint"`
	// Paths are doublestar globs over the finding's file path.
	Paths []string `yaml:"paths"`
	// Path is a single glob, for convenience.
	Path string `yaml:"path"`
	// Resource is a glob over the resource identity (Kind/namespace/name or
	// address).
	Resource string `yaml:"resource"`
	Reason   string `yaml:"reason"`
	// Expires is a date (YYYY-MM-DD) after which the rule no longer applies.
	Expires string `yaml:"expires"`

	line    int
	expires time.Time
}

// File is a parsed ignore file.
type File struct {
	Path  string
	Rules []Rule
}

type fileDoc struct {
	Ignore []Rule `yaml:"ignore"`
}

// MaxSize is the largest ignore file accepted.
const MaxSize = 1 << 20

// Parse reads an ignore file: a YAML document with an `ignore:` list of
// rules, or a bare list of rules.
func Parse(path string, data []byte) (*File, error) {
	if len(data) > MaxSize {
		return nil, &limits.LimitError{What: "ignore file size", Limit: MaxSize}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &limits.ParseError{Path: path, Msg: "binary content, not YAML"}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &limits.ParseError{Path: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(root.Content) == 0 {
		return &File{Path: path}, nil
	}
	n := root.Content[0]
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "ignore" {
				n = n.Content[i+1]
				break
			}
		}
	}
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.MappingNode && len(n.Content) == 0 {
			return &File{Path: path}, nil
		}
		return nil, &limits.ParseError{Path: path, Line: n.Line, Msg: "want a list of rules (or `ignore:` with a list)"}
	}
	f := &File{Path: path}
	for _, item := range n.Content {
		var r Rule
		if err := item.Decode(&r); err != nil {
			return nil, &limits.ParseError{Path: path, Line: item.Line, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		}
		r.line = item.Line
		if r.ID == "" && r.Fingerprint == "" {
			return nil, &limits.ParseError{Path: path, Line: item.Line, Msg: "rule needs an id or a fingerprint"}
		}
		if r.Path != "" {
			r.Paths = append(r.Paths, r.Path)
		}
		for _, p := range r.Paths {
			if !doublestar.ValidatePattern(p) {
				return nil, &limits.ParseError{Path: path, Line: item.Line, Msg: fmt.Sprintf("invalid path glob %q", p)}
			}
		}
		if r.Resource != "" && !doublestar.ValidatePattern(r.Resource) {
			return nil, &limits.ParseError{Path: path, Line: item.Line, Msg: fmt.Sprintf("invalid resource glob %q", r.Resource)}
		}
		if r.Expires != "" {
			t, err := time.Parse("2006-01-02", r.Expires)
			if err != nil {
				return nil, &limits.ParseError{Path: path, Line: item.Line, Msg: fmt.Sprintf("expires %q is not a date (YYYY-MM-DD)", r.Expires)}
			}
			r.expires = t
		}
		f.Rules = append(f.Rules, r)
	}
	return f, nil
}

// Load reads the ignore file at path. A missing file is not an error when
// optional is set (the default .wardignore).
func Load(path string, optional bool) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if optional && os.IsNotExist(err) {
			return &File{}, nil
		}
		return nil, fmt.Errorf("read ignore file: %w", err)
	}
	return Parse(path, b)
}

// Match returns the first rule that suppresses f at time now, or nil. A rule
// whose expiry date has passed (after the whole day) matches nothing.
func (file *File) Match(f *finding.Finding, now time.Time) *Rule {
	if file == nil {
		return nil
	}
	for i := range file.Rules {
		r := &file.Rules[i]
		if !r.expires.IsZero() && now.After(r.expires.Add(24*time.Hour)) {
			continue
		}
		if r.Fingerprint != "" && r.Fingerprint != f.Fingerprint {
			continue
		}
		if r.ID != "" && r.ID != f.CheckID {
			continue
		}
		if len(r.Paths) > 0 {
			ok := false
			for _, p := range r.Paths {
				if m, _ := doublestar.Match(p, f.Location.Path); m {
					ok = true
					break
				}
				if m, _ := doublestar.Match(p, f.Target); m {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		if r.Resource != "" {
			if m, _ := doublestar.Match(r.Resource, f.Resource.ID()); !m {
				continue
			}
		}
		return r
	}
	return nil
}

// Source names where the rule was written.
func (file *File) Source(r *Rule) string { return fmt.Sprintf("%s:%d", file.Path, r.line) }
