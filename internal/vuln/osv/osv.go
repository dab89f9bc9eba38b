// Package osv is the Open Source Vulnerability record model (OSV schema
// 1.6, https://ossf.github.io/osv-schema/) and its parser. Records are what
// the local vulnerability database (internal/vuln/db) stores and what the
// matcher reads.
//
// Parsing is bounded: a record is at most MaxRecordSize bytes. Unknown
// fields are ignored (the schema grows); the fields Ward relies on are
// validated (see Vulnerability.Validate).
package osv

import (
	"encoding/json"
	"time"
)

// MaxRecordSize is the largest OSV record Parse accepts. Real records are
// kilobytes; a few (Linux kernel, Chromium) reach megabytes.
const MaxRecordSize = 16 << 20

// Range types.
const (
	RangeSemver    = "SEMVER"
	RangeEcosystem = "ECOSYSTEM"
	RangeGit       = "GIT"
)

// Severity types.
const (
	SeverityCVSSv2 = "CVSS_V2"
	SeverityCVSSv3 = "CVSS_V3"
	SeverityCVSSv4 = "CVSS_V4"
	SeverityUbuntu = "Ubuntu"
)

// Vulnerability is one OSV record.
type Vulnerability struct {
	SchemaVersion string `json:"schema_version,omitempty"`
	ID            string `json:"id"`
	// Modified is required by the schema; Published and Withdrawn are zero
	// when absent. A withdrawn record is kept in the database; matchers
	// must ignore it (see Withdrawn.IsZero).
	Modified  time.Time `json:"modified"`
	Published time.Time `json:"published,omitzero"`
	Withdrawn time.Time `json:"withdrawn,omitzero"`

	Aliases []string `json:"aliases,omitempty"`
	Related []string `json:"related,omitempty"`
	Summary string   `json:"summary,omitempty"`
	Details string   `json:"details,omitempty"`

	Severity   []Severity  `json:"severity,omitempty"`
	Affected   []Affected  `json:"affected,omitempty"`
	References []Reference `json:"references,omitempty"`
	Credits    []Credit    `json:"credits,omitempty"`

	// DatabaseSpecific is kept verbatim (compacted when re-encoded).
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// Severity is a scored severity: Type is one of the Severity* constants,
// Score the vector ("CVSS:3.1/AV:N/...") or, for Ubuntu, a word.
type Severity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// Affected is one affected package with the versions it is affected in.
type Affected struct {
	// Package is zero for records that only name git commits.
	Package           Package         `json:"package,omitzero"`
	Severity          []Severity      `json:"severity,omitempty"`
	Ranges            []Range         `json:"ranges,omitempty"`
	Versions          []string        `json:"versions,omitempty"`
	EcosystemSpecific json.RawMessage `json:"ecosystem_specific,omitempty"`
	DatabaseSpecific  json.RawMessage `json:"database_specific,omitempty"`
}

// Package names a package: Ecosystem is an OSV ecosystem string ("Go",
// "PyPI", "Debian:12", "Alpine:v3.19"), Name as that ecosystem spells it.
type Package struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	PURL      string `json:"purl,omitempty"`
}

// Range is a list of events over one version ordering (Type: RangeSemver,
// RangeEcosystem or RangeGit; Repo is required for RangeGit).
type Range struct {
	Type             string          `json:"type"`
	Repo             string          `json:"repo,omitempty"`
	Events           []Event         `json:"events"`
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// Event is one point of a range; exactly one field is set.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// Reference is a link with its kind (ADVISORY, ARTICLE, FIX, PACKAGE, WEB, …).
type Reference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Credit names someone credited for the record.
type Credit struct {
	Name    string   `json:"name"`
	Contact []string `json:"contact,omitempty"`
	Type    string   `json:"type,omitempty"`
}

// IsWithdrawn reports whether the record has been withdrawn.
func (v *Vulnerability) IsWithdrawn() bool { return !v.Withdrawn.IsZero() }
