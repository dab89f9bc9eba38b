// Package finding is Ward's one finding model: every scanner, check and rule in
// every domain reports through it, and every reporter reads it.
package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Severity orders how bad a finding is. The zero value is SeverityUnknown.
type Severity int

// Severities, lowest first.
const (
	SeverityUnknown Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"}

// String returns the upper-case name used in every output format.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "UNKNOWN"
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name, case-insensitively.
func ParseSeverity(s string) (Severity, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for i, n := range severityNames {
		if n == u {
			return Severity(i), nil
		}
	}
	return SeverityUnknown, fmt.Errorf("unknown severity %q (want one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL)", s)
}

// MarshalText implements encoding.TextMarshaler so JSON carries the name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Resource identifies what a finding is about: a Kubernetes object
// (kind/namespace/name), a Dockerfile stage, or an IaC address.
type Resource struct {
	Kind      string `json:"kind,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name,omitempty"`
	// Address is an IaC address (aws_s3_bucket.logs) or another identity
	// for resources that have no kind/name.
	Address string `json:"address,omitempty"`
}

// ID is the resource identity used in fingerprints and ignore rules.
func (r Resource) ID() string {
	if r.Address != "" {
		return r.Address
	}
	var b strings.Builder
	b.WriteString(r.Kind)
	b.WriteByte('/')
	if r.Namespace != "" {
		b.WriteString(r.Namespace)
		b.WriteByte('/')
	}
	b.WriteString(r.Name)
	return b.String()
}

// Location is where a finding points: a file and line range, or a live object.
type Location struct {
	// Path is the file, relative to the scan target as given. A file inside
	// an archive is "outer.zip!/inner/file" (one "!/" per archive level).
	Path      string `json:"path,omitempty"`
	StartLine int    `json:"startLine,omitempty"`
	EndLine   int    `json:"endLine,omitempty"`
	// StartColumn and EndColumn are 1-based, in bytes, when a finding
	// points inside a line (secrets); EndColumn is exclusive.
	StartColumn int `json:"startColumn,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
	// Object names a live object or cloud ARN when there is no file.
	Object string `json:"object,omitempty"`
	// Commit is the git commit that added the line (history scans).
	Commit *Commit `json:"commit,omitempty"`
	// Layer is the image layer (diffID) that holds the file (image scans).
	Layer string `json:"layer,omitempty"`
}

// Commit identifies a git commit.
type Commit struct {
	Hash   string    `json:"hash"`
	Author string    `json:"author,omitempty"`
	Email  string    `json:"email,omitempty"`
	Date   time.Time `json:"date"`
}

// String renders path:start-end.
func (l Location) String() string {
	if l.Path == "" {
		return l.Object
	}
	switch {
	case l.StartLine == 0:
		return l.Path
	case l.EndLine <= l.StartLine:
		return fmt.Sprintf("%s:%d", l.Path, l.StartLine)
	default:
		return fmt.Sprintf("%s:%d-%d", l.Path, l.StartLine, l.EndLine)
	}
}

// Control is one compliance control a check maps to.
type Control struct {
	Framework string `json:"framework"`
	ID        string `json:"id"`
}

// Suppression records why a finding does not count.
type Suppression struct {
	// Kind is "ignore-file", "inline", "annotation" or "vex" (an OpenVEX
	// statement that the package is not affected).
	Kind   string `json:"kind"`
	Reason string `json:"reason,omitempty"`
	// Source is where the suppression was written (file:line or annotation).
	Source string `json:"source,omitempty"`
}

// Finding is one result of one check on one resource.
type Finding struct {
	CheckID     string       `json:"checkID"`
	Domain      string       `json:"domain,omitempty"`
	Severity    Severity     `json:"severity"`
	Title       string       `json:"title"`
	Message     string       `json:"message"`
	Description string       `json:"description,omitempty"`
	Target      string       `json:"target"`
	Resource    Resource     `json:"resource"`
	Location    Location     `json:"location"`
	Evidence    string       `json:"evidence,omitempty"`
	Remediation string       `json:"remediation,omitempty"`
	References  []string     `json:"references,omitempty"`
	Controls    []Control    `json:"controls,omitempty"`
	Fingerprint string       `json:"fingerprint"`
	Suppressed  *Suppression `json:"suppressed,omitempty"`
	// Detail distinguishes several findings of one check on one resource
	// (e.g. the field path "spec.containers[1].securityContext"). It is part
	// of the fingerprint and stays stable when lines shift.
	Detail string `json:"detail,omitempty"`
	// Unknown is set by the policy engine when the result rests on a value
	// that cannot be known before apply (what it would come from). Such a
	// result is not a finding: the scan reports it as not evaluated.
	Unknown string `json:"-"`
}

// NotEvaluated is a check that could not decide on a resource because a
// value it needs is unknown until apply (a data source, another resource's
// computed attribute, a remote module's output). It is never a pass.
type NotEvaluated struct {
	CheckID  string   `json:"checkID"`
	Title    string   `json:"title"`
	Severity Severity `json:"severity"`
	Resource Resource `json:"resource"`
	Location Location `json:"location"`
	// Reason names the unknown value ("data.aws_kms_key.main.arn").
	Reason string `json:"reason"`
}

// SplitUnknown moves the findings that rest on unknown values out of fs.
func SplitUnknown(fs []Finding) ([]Finding, []NotEvaluated) {
	out := fs[:0]
	var ne []NotEvaluated
	for _, f := range fs {
		if f.Unknown == "" {
			out = append(out, f)
			continue
		}
		ne = append(ne, NotEvaluated{CheckID: f.CheckID, Title: f.Title, Severity: f.Severity, Resource: f.Resource, Location: f.Location, Reason: f.Unknown})
	}
	return out, ne
}

// Fingerprint computes the stable identity of a finding: check ID, resource
// identity, file path and detail. Line numbers are deliberately left out.
func Fingerprint(checkID string, res Resource, path, detail string) string {
	h := sha256.New()
	for _, s := range []string{checkID, res.ID(), path, detail} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// SetFingerprint fills f.Fingerprint from its identity fields: check ID,
// resource, file path, detail and message (never line numbers).
func (f *Finding) SetFingerprint() {
	p := f.Location.Path
	if p == "" {
		p = f.Location.Object
	}
	if f.Location.Commit != nil {
		p += "@" + f.Location.Commit.Hash
	}
	if f.Location.Layer != "" {
		p += "@" + f.Location.Layer
	}
	f.Fingerprint = Fingerprint(f.CheckID, f.Resource, p, f.Detail+"\x00"+f.Message)
}

// Sort orders findings by path, line, severity (worst first) and check ID, so
// every output is deterministic.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.CheckID != b.CheckID {
			return a.CheckID < b.CheckID
		}
		return a.Detail < b.Detail
	})
}

// Error is a per-file (or per-check) problem that did not stop the scan.
type Error struct {
	Path    string `json:"path,omitempty"`
	Line    int    `json:"line,omitempty"`
	Plugin  string `json:"plugin,omitempty"`
	Message string `json:"message"`
}

func (e Error) String() string {
	loc := e.Path
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	if loc == "" {
		return e.Message
	}
	return loc + ": " + e.Message
}
