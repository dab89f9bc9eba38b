package main

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"
)

//go:embed mapping.yaml
var defaultMapping []byte

// Mapping is, per corpus, oracle ID → the Ward checks of the same concept.
type Mapping map[string]map[string]*Entry

// Entry maps one oracle ID.
type Entry struct {
	// Ward lists the Ward check IDs that together cover the concept; a unit
	// is flagged when any of them fires on the unit's object.
	Ward    []string `yaml:"ward"`
	Concept string   `yaml:"concept"`
	// Exclude removes units whose verdict does not match Ward's concept.
	Exclude []Exclusion `yaml:"exclude,omitempty"`
}

// Exclusion drops the units whose ID matches one of the globs
// (doublestar syntax), for a documented reason.
type Exclusion struct {
	Units  []string `yaml:"units"`
	Reason string   `yaml:"reason"`
}

var wardIDRe = regexp.MustCompile(`^WARD-[A-Z0-9]+-[0-9]{4}$`)

// ParseMapping reads and validates a mapping file.
func ParseMapping(b []byte) (Mapping, error) {
	var m Mapping
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("parse mapping: %w", err)
	}
	known := map[string]bool{}
	for _, c := range Corpora {
		known[c] = true
	}
	for corpus, ids := range m {
		if !known[corpus] {
			return nil, fmt.Errorf("mapping: unknown corpus %q", corpus)
		}
		for oid, e := range ids {
			if e == nil || len(e.Ward) == 0 {
				return nil, fmt.Errorf("mapping %s %q: no ward IDs", corpus, oid)
			}
			for _, w := range e.Ward {
				if !wardIDRe.MatchString(w) {
					return nil, fmt.Errorf("mapping %s %q: bad Ward ID %q", corpus, oid, w)
				}
			}
			for _, x := range e.Exclude {
				if x.Reason == "" || len(x.Units) == 0 {
					return nil, fmt.Errorf("mapping %s %q: an exclusion needs units and a reason", corpus, oid)
				}
				for _, g := range x.Units {
					if !doublestar.ValidatePattern(g) {
						return nil, fmt.Errorf("mapping %s %q: bad glob %q", corpus, oid, g)
					}
				}
			}
		}
	}
	return m, nil
}

// Lookup finds the entry for an oracle ID. Kyverno units carry
// "<policy>/<rule>"; the mapping may key either that or the policy alone.
// key is the mapping key used (or the ID to count as not claimed).
func (m Mapping) Lookup(corpus, oid string) (key string, e *Entry) {
	ids := m[corpus]
	if e := ids[oid]; e != nil {
		return oid, e
	}
	if corpus == CorpusKyverno {
		pol, _, _ := strings.Cut(oid, "/")
		return pol, ids[pol]
	}
	return oid, nil
}

// Excluded returns the reason a unit is excluded, or "". A glob matches
// the whole unit ID or its case part (the ID before the first '#' or ':',
// e.g. "resources-cpu-requests/pod-only-requests").
func (e *Entry) Excluded(unitID string) string {
	casePart := unitID
	if i := strings.IndexAny(unitID, "#:"); i >= 0 {
		casePart = unitID[:i]
	}
	for _, x := range e.Exclude {
		for _, g := range x.Units {
			if ok, _ := doublestar.Match(g, unitID); ok {
				return x.Reason
			}
			if ok, _ := doublestar.Match(g, casePart); ok {
				return x.Reason
			}
		}
	}
	return ""
}
