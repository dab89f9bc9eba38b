package java

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/limits"
)

// POM extracts the dependencies a Maven pom.xml declares.
//
// It reports project/dependencies (Direct) and
// project/dependencyManagement/dependencies (not Direct: they pin the
// versions of transitive dependencies), each once. Versions and group IDs
// are resolved from <properties>, ${project.version}, ${project.groupId}
// and ${project.parent.version}; a dependency without a version takes the
// managed one. Dependencies whose version stays unresolved (a property of
// a parent POM or a profile), is a range ("[1.0,2.0)") or a meta version
// (LATEST, RELEASE) are skipped: only literal versions are reported.
// Test-scoped dependencies are reported with Dev set. Profiles, plugins
// and parent POMs are not read.
type POM struct {
	cfg Config
}

var _ extract.Extractor = (*POM)(nil)

// NewPOM returns the pom.xml extractor.
func NewPOM(cfg Config) (*POM, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &POM{cfg: c}, nil
}

// ID implements extract.Extractor.
func (*POM) ID() string { return POMID }

// Version implements extract.Extractor.
func (*POM) Version() int { return 1 }

// Required implements extract.Extractor: files named pom.xml.
func (*POM) Required(p string, _ int64, _ fs.FileMode) bool {
	return path.Base(p) == "pom.xml"
}

// pomDep is one <dependency> element.
type pomDep struct {
	groupID, artifactID, version, scope string
}

// pomDoc is what the extractor reads of a pom.xml.
type pomDoc struct {
	groupID, artifactID, version string
	parentGroupID, parentVersion string
	props                        map[string]string
	deps, managed                []pomDep
}

// Extract implements extract.Extractor.
func (e *POM) Extract(ctx context.Context, in extract.Input) ([]inventory.Package, error) {
	data, err := extract.ReadAll(in, e.cfg.MaxFileSize)
	if err != nil {
		return nil, err
	}
	doc, err := e.parse(ctx, in.Path, data)
	if err != nil {
		return nil, err
	}
	r := &resolver{doc: doc}
	managed := map[string]string{} // group:artifact -> resolved version
	for _, d := range doc.managed {
		g, okG := r.resolve(d.groupID)
		a, okA := r.resolve(d.artifactID)
		v, okV := r.resolve(d.version)
		if okG && okA && okV {
			managed[g+":"+a] = v
		}
	}
	var pkgs []inventory.Package
	seen := map[string]bool{}
	add := func(d pomDep, direct bool) {
		g, okG := r.resolve(d.groupID)
		a, okA := r.resolve(d.artifactID)
		if !okG || !okA || g == "" || a == "" {
			return
		}
		name := g + ":" + a
		v, ok := r.resolve(d.version)
		if d.version == "" {
			v, ok = managed[name]
		}
		if !ok || !literalVersion(v) || seen[name+"@"+v] {
			return
		}
		seen[name+"@"+v] = true
		pkgs = append(pkgs, inventory.Package{
			Name:      name,
			Version:   v,
			Ecosystem: inventory.Maven,
			Location:  in.Path,
			Extractor: POMID,
			Dev:       strings.TrimSpace(d.scope) == "test",
			Direct:    direct,
		})
	}
	for _, d := range doc.deps {
		add(d, true)
	}
	for _, d := range doc.managed {
		add(d, false)
	}
	return pkgs, nil
}

// literalVersion reports whether v is one exact version.
func literalVersion(v string) bool {
	if v == "" || strings.ContainsAny(v, "[](),${} \t\n") {
		return false
	}
	switch v {
	case "LATEST", "RELEASE":
		return false
	}
	return true
}

// parse reads the parts of a pom.xml the extractor needs, enforcing the
// depth and element limits.
func (e *POM) parse(ctx context.Context, p string, data []byte) (*pomDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	doc := &pomDoc{props: map[string]string{}}
	var (
		stack    []string
		text     strings.Builder
		cur      *pomDep
		elements int
	)
	syntax := func(err error) error {
		line, col := dec.InputPos()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			line, col = se.Line, 0
			err = errors.New(se.Msg)
		}
		return &limits.ParseError{Path: p, Line: line, Col: col, Msg: err.Error()}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if elements%1024 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if elements > e.cfg.MaxElements {
				return nil, fmt.Errorf("%s: %w", p, &limits.LimitError{What: "XML elements", Limit: int64(e.cfg.MaxElements)})
			}
			if len(stack) >= e.cfg.MaxDepth {
				return nil, fmt.Errorf("%s: %w", p, &limits.LimitError{What: "XML nesting depth", Limit: int64(e.cfg.MaxDepth)})
			}
			if len(stack) == 0 && (elements > 1 || t.Name.Local != "project") {
				return nil, &limits.ParseError{Path: p, Msg: fmt.Sprintf("root element <%s> is not the one <project>", t.Name.Local)}
			}
			stack = append(stack, t.Name.Local)
			text.Reset()
			if isDepPath(stack) {
				cur = &pomDep{}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, &limits.ParseError{Path: p, Msg: "unbalanced end element"}
			}
			v := strings.TrimSpace(text.String())
			switch {
			case isDepPath(stack):
				if cur != nil {
					if stack[1] == "dependencies" {
						doc.deps = append(doc.deps, *cur)
					} else {
						doc.managed = append(doc.managed, *cur)
					}
				}
				cur = nil
			case cur != nil && isDepPath(stack[:len(stack)-1]):
				switch stack[len(stack)-1] {
				case "groupId":
					cur.groupID = v
				case "artifactId":
					cur.artifactID = v
				case "version":
					cur.version = v
				case "scope":
					cur.scope = v
				}
			case len(stack) == 2:
				switch stack[1] {
				case "groupId":
					doc.groupID = v
				case "artifactId":
					doc.artifactID = v
				case "version":
					doc.version = v
				}
			case len(stack) == 3 && stack[1] == "parent":
				switch stack[2] {
				case "groupId":
					doc.parentGroupID = v
				case "version":
					doc.parentVersion = v
				}
			case len(stack) == 3 && stack[1] == "properties":
				doc.props[stack[2]] = v
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
	if len(stack) != 0 {
		line, col := dec.InputPos()
		return nil, &limits.ParseError{Path: p, Line: line, Col: col, Msg: "unexpected end of document"}
	}
	if elements == 0 {
		return nil, &limits.ParseError{Path: p, Msg: "no <project> element"}
	}
	return doc, nil
}

// isDepPath reports whether stack is a project or managed dependency
// element: project/dependencies/dependency or
// project/dependencyManagement/dependencies/dependency.
func isDepPath(stack []string) bool {
	switch len(stack) {
	case 3:
		return stack[1] == "dependencies" && stack[2] == "dependency"
	case 4:
		return stack[1] == "dependencyManagement" && stack[2] == "dependencies" && stack[3] == "dependency"
	}
	return false
}

// charsetReader lets encoding/xml read the declared encodings POMs use
// besides UTF-8: ISO-8859-1 (and its superset windows-1252, read as
// ISO-8859-1) and US-ASCII.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		b, err := io.ReadAll(input)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(b)+len(b)/8)
		for _, c := range b {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// Bounds of property resolution: rounds of substitution and length of the
// result, so "${a}" with a = "${b}${b}", b = "${c}${c}"… stays small.
const (
	maxResolveRounds = 10
	maxResolvedLen   = 1024
)

// resolver expands ${…} references of a POM.
type resolver struct {
	doc *pomDoc
}

func (r *resolver) lookup(name string) (string, bool) {
	d := r.doc
	switch name {
	case "project.version", "pom.version", "version":
		if d.version != "" {
			return d.version, true
		}
		return d.parentVersion, d.parentVersion != ""
	case "project.groupId", "pom.groupId", "groupId":
		if d.groupID != "" {
			return d.groupID, true
		}
		return d.parentGroupID, d.parentGroupID != ""
	case "project.artifactId", "pom.artifactId", "artifactId":
		return d.artifactID, d.artifactID != ""
	case "project.parent.version", "parent.version":
		return d.parentVersion, d.parentVersion != ""
	case "project.parent.groupId", "parent.groupId":
		return d.parentGroupID, d.parentGroupID != ""
	}
	v, ok := d.props[name]
	return v, ok
}

// resolve expands the references in s; ok is false when one stays
// unresolved.
func (r *resolver) resolve(s string) (string, bool) {
	for range maxResolveRounds {
		if !strings.Contains(s, "${") {
			return s, true
		}
		var b strings.Builder
		rest := s
		for {
			i := strings.Index(rest, "${")
			if i < 0 {
				b.WriteString(rest)
				break
			}
			j := strings.IndexByte(rest[i:], '}')
			if j < 0 {
				return "", false
			}
			v, ok := r.lookup(rest[i+2 : i+j])
			if !ok {
				return "", false
			}
			b.WriteString(rest[:i])
			b.WriteString(v)
			if b.Len() > maxResolvedLen {
				return "", false
			}
			rest = rest[i+j+1:]
		}
		s = b.String()
	}
	return "", false
}
