// Package vex applies OpenVEX documents (https://openvex.dev) to
// vulnerability matches: a statement that a product is not_affected by (or
// has fixed) a vulnerability suppresses the finding, with the statement's
// justification as the reason. Documents are read with
// github.com/openvex/go-vex.
package vex

import (
	"fmt"
	"os"
	"strings"

	govex "github.com/openvex/go-vex/pkg/vex"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vuln/match"
)

// MaxSize caps one VEX document.
const MaxSize = 16 << 20

// Set is the loaded documents.
type Set struct {
	docs  []*govex.VEX
	paths []string
}

// Load reads OpenVEX JSON documents.
func Load(paths []string) (*Set, error) {
	s := &Set{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("--vex: %w", err)
		}
		if st.Size() > MaxSize {
			return nil, fmt.Errorf("--vex %s: %w", p, &limits.LimitError{What: "VEX document size", Limit: MaxSize})
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("--vex: %w", err)
		}
		doc, err := govex.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("--vex %s: not an OpenVEX document: %w", p, err)
		}
		s.docs = append(s.docs, doc)
		s.paths = append(s.paths, p)
	}
	return s, nil
}

// Suppression returns why the match is suppressed, or nil: the latest
// statement for the package (by PURL) and the record's ID or any alias says
// not_affected or fixed.
func (s *Set) Suppression(m match.Match) *finding.Suppression {
	if s == nil || m.Package.PURL == "" {
		return nil
	}
	ids := append([]string{m.Vuln.ID}, m.Vuln.Aliases...)
	for i, doc := range s.docs {
		for _, id := range ids {
			st := doc.EffectiveStatement(m.Package.PURL, id)
			if st == nil {
				continue
			}
			switch st.Status {
			case govex.StatusNotAffected, govex.StatusFixed:
				reason := string(st.Status)
				if st.Justification != "" {
					reason += ": " + string(st.Justification)
				}
				if st.ImpactStatement != "" {
					reason += " — " + strings.TrimSpace(st.ImpactStatement)
				}
				return &finding.Suppression{Kind: "vex", Reason: reason, Source: s.paths[i]}
			}
		}
	}
	return nil
}
