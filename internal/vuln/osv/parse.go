package osv

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/wardsec/ward/internal/limits"
)

// MaxIDLength bounds record ids (and aliases): they become database keys.
const MaxIDLength = 256

// Parse reads one OSV record (a JSON object) of at most MaxRecordSize bytes
// and validates it. Errors are *limits.LimitError (too large) or
// *limits.ParseError (malformed or invalid).
func Parse(r io.Reader) (*Vulnerability, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRecordSize+1))
	if err != nil {
		return nil, fmt.Errorf("read OSV record: %w", err)
	}
	return ParseBytes(data, "")
}

// ParseBytes parses and validates one OSV record held in data; path (may be
// "") names it in errors.
func ParseBytes(data []byte, path string) (*Vulnerability, error) {
	if int64(len(data)) > MaxRecordSize {
		return nil, &limits.LimitError{What: "OSV record " + quoteOrEmpty(path), Limit: MaxRecordSize}
	}
	var v Vulnerability
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, jsonError(data, path, err)
	}
	v.compact()
	if err := v.Validate(); err != nil {
		var pe *limits.ParseError
		if errors.As(err, &pe) {
			pe.Path = path
		}
		return nil, err
	}
	return &v, nil
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf("%q", s)
}

// jsonError turns an encoding/json error into a *limits.ParseError with the
// line and column of the offending byte.
func jsonError(data []byte, path string, err error) error {
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	msg := err.Error()
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
		msg = fmt.Sprintf("field %q: cannot use JSON %s as %s", typ.Field, typ.Value, typ.Type)
	}
	pe := &limits.ParseError{Path: path, Msg: msg}
	if off >= 0 {
		if off > int64(len(data)) {
			off = int64(len(data))
		}
		pe.Line, pe.Col = lineCol(data[:off])
	}
	return pe
}

// lineCol returns the 1-based line and column just after prefix.
func lineCol(prefix []byte) (int, int) {
	line := bytes.Count(prefix, []byte{'\n'}) + 1
	col := len(prefix) - bytes.LastIndexByte(prefix, '\n')
	return line, col
}

// Validate checks what Ward relies on: a well-formed id; for each affected
// package both ecosystem and name (or neither); known range types, a repo
// for GIT ranges, at least one "introduced" event per range and exactly one
// field per event; severities with a type and a score. Errors are
// *limits.ParseError naming the JSON path ("affected[0].ranges[1]: …").
func (v *Vulnerability) Validate() error {
	if err := checkID(v.ID); err != nil {
		return invalid("id: %v", err)
	}
	for i, a := range v.Aliases {
		if err := checkID(a); err != nil {
			return invalid("aliases[%d]: %v", i, err)
		}
	}
	for i, a := range v.Related {
		if err := checkID(a); err != nil {
			return invalid("related[%d]: %v", i, err)
		}
	}
	if err := checkSeverities(v.Severity); err != nil {
		return invalid("severity%v", err)
	}
	for i, a := range v.Affected {
		if err := a.validate(); err != nil {
			return invalid("affected[%d]%v", i, err)
		}
	}
	return nil
}

func (a *Affected) validate() error {
	p := a.Package
	if (p.Ecosystem == "") != (p.Name == "") {
		return errors.New(".package: ecosystem and name must both be set")
	}
	if hasControl(p.Ecosystem) || hasControl(p.Name) {
		return errors.New(".package: control character in ecosystem or name")
	}
	if err := checkSeverities(a.Severity); err != nil {
		return fmt.Errorf(".severity%w", err)
	}
	for i, r := range a.Ranges {
		if err := r.validate(); err != nil {
			return fmt.Errorf(".ranges[%d]: %w", i, err)
		}
	}
	return nil
}

func (r *Range) validate() error {
	switch r.Type {
	case RangeSemver, RangeEcosystem:
	case RangeGit:
		if r.Repo == "" {
			return errors.New("GIT range needs repo")
		}
	default:
		return fmt.Errorf("unknown range type %q", r.Type)
	}
	introduced := false
	for i, e := range r.Events {
		n := 0
		for _, s := range []string{e.Introduced, e.Fixed, e.LastAffected, e.Limit} {
			if s != "" {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("events[%d]: exactly one of introduced, fixed, last_affected, limit must be set", i)
		}
		if e.Introduced != "" {
			introduced = true
		}
	}
	if !introduced {
		return errors.New("no introduced event")
	}
	return nil
}

func checkSeverities(ss []Severity) error {
	for i, s := range ss {
		if s.Type == "" || s.Score == "" {
			return fmt.Errorf("[%d]: type and score are required", i)
		}
	}
	return nil
}

// checkID accepts non-empty ids of printable, non-space characters up to
// MaxIDLength bytes ("GO-2022-0969", "DSA-5380-1", "CVE-2023-1393").
func checkID(id string) error {
	if id == "" {
		return errors.New("required")
	}
	if len(id) > MaxIDLength {
		return fmt.Errorf("longer than %d bytes", MaxIDLength)
	}
	for _, r := range id {
		if r == unicode.ReplacementChar || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return fmt.Errorf("%q contains a space or unprintable character", id)
		}
	}
	return nil
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}

func invalid(format string, args ...any) error {
	return &limits.ParseError{Msg: "invalid OSV record: " + fmt.Sprintf(format, args...)}
}

// compact strips insignificant whitespace from the verbatim JSON fields, so
// a record compares equal to its re-encoding.
func (v *Vulnerability) compact() {
	v.DatabaseSpecific = compactRaw(v.DatabaseSpecific)
	for i := range v.Affected {
		a := &v.Affected[i]
		a.EcosystemSpecific = compactRaw(a.EcosystemSpecific)
		a.DatabaseSpecific = compactRaw(a.DatabaseSpecific)
		for j := range a.Ranges {
			a.Ranges[j].DatabaseSpecific = compactRaw(a.Ranges[j].DatabaseSpecific)
		}
	}
}

func compactRaw(m json.RawMessage) json.RawMessage {
	if len(m) == 0 {
		return m
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, m); err != nil {
		return m // cannot happen: json.Unmarshal validated it
	}
	return buf.Bytes()
}
