// Package severity turns the severity data of vulnerability records into
// Ward's severities: CVSS vectors (v2, v3.0, v3.1, v4.0) are scored with
// their specifications' formulas (github.com/pandatix/go-cvss), and a
// record's own qualitative rating is used when it has no vector.
package severity

import (
	"fmt"
	"strings"

	cvss20 "github.com/pandatix/go-cvss/20"
	cvss30 "github.com/pandatix/go-cvss/30"
	cvss31 "github.com/pandatix/go-cvss/31"
	cvss40 "github.com/pandatix/go-cvss/40"

	"github.com/wardsec/ward/internal/finding"
)

// Score is a scored vector.
type Score struct {
	// Version is "2.0", "3.0", "3.1" or "4.0".
	Version string
	Vector  string
	// Base is the base score (v4: the CVSS-B/BT score of the vector as given).
	Base     float64
	Severity finding.Severity
}

// FromVector scores a CVSS vector. v3 and v4 vectors carry their version
// prefix ("CVSS:3.1/AV:N/…", "CVSS:4.0/AV:N/…"); a vector without one is
// read as v2.
func FromVector(vector string) (Score, error) {
	v := strings.TrimSpace(vector)
	if len(v) > 512 {
		return Score{}, fmt.Errorf("cvss vector longer than 512 bytes")
	}
	s := Score{Vector: v}
	switch {
	case strings.HasPrefix(v, "CVSS:4.0/"):
		c, err := cvss40.ParseVector(v)
		if err != nil {
			return Score{}, fmt.Errorf("cvss 4.0 vector %q: %w", v, err)
		}
		s.Version, s.Base = "4.0", c.Score()
	case strings.HasPrefix(v, "CVSS:3.1/"):
		c, err := cvss31.ParseVector(v)
		if err != nil {
			return Score{}, fmt.Errorf("cvss 3.1 vector %q: %w", v, err)
		}
		s.Version, s.Base = "3.1", c.BaseScore()
	case strings.HasPrefix(v, "CVSS:3.0/"):
		c, err := cvss30.ParseVector(v)
		if err != nil {
			return Score{}, fmt.Errorf("cvss 3.0 vector %q: %w", v, err)
		}
		s.Version, s.Base = "3.0", c.BaseScore()
	default:
		c, err := cvss20.ParseVector(strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(v, "("), ")"), "CVSS:2.0/"))
		if err != nil {
			return Score{}, fmt.Errorf("cvss 2.0 vector %q: %w", v, err)
		}
		s.Version, s.Base = "2.0", c.BaseScore()
	}
	s.Severity = FromScore(s.Version, s.Base)
	return s, nil
}

// FromScore maps a base score to a severity with the rating scale of the
// CVSS version (v2 has no Critical: 7.0–10.0 is High).
func FromScore(version string, score float64) finding.Severity {
	switch {
	case version == "2.0" && score >= 7.0:
		return finding.SeverityHigh
	case score >= 9.0:
		return finding.SeverityCritical
	case score >= 7.0:
		return finding.SeverityHigh
	case score >= 4.0:
		return finding.SeverityMedium
	case score > 0:
		return finding.SeverityLow
	}
	return finding.SeverityUnknown
}

// FromRating maps a qualitative rating ("HIGH", "moderate", "important",
// "low", "negligible") to a severity.
func FromRating(r string) finding.Severity {
	switch strings.ToLower(strings.TrimSpace(r)) {
	case "critical":
		return finding.SeverityCritical
	case "high", "important":
		return finding.SeverityHigh
	case "medium", "moderate":
		return finding.SeverityMedium
	case "low", "negligible", "minor":
		return finding.SeverityLow
	}
	return finding.SeverityUnknown
}
