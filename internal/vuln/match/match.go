// Package match decides which vulnerability records affect which packages:
// OSV ranges (introduced / fixed / last_affected / limit) and version lists
// evaluated with the ecosystem's own version ordering, withdrawn records
// ignored, OS packages matched by their source package (Debian, Ubuntu and
// Alpine advisories name source packages), the fixed version worked out, and
// the severity taken from the record's CVSS vectors or rating.
package match

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/vuln/osv"
	"github.com/wardsec/ward/internal/vuln/severity"
	"github.com/wardsec/ward/internal/vuln/version"
)

// Source finds the records of one package. Records whose ecosystem has no
// release ("Debian") apply to every release; Lookup("Debian:12", …) returns
// them too.
type Source interface {
	Lookup(ecosystem, name string) ([]*osv.Vulnerability, error)
}

// Config controls matching.
type Config struct {
	// IgnoreUnfixed drops matches that have no fixed version.
	IgnoreUnfixed bool
}

// Match is one record affecting one package.
type Match struct {
	Package inventory.Package
	Vuln    *osv.Vulnerability
	// Fixed is the lowest fixed version above the installed one; "" when
	// no fix is known.
	Fixed    string
	Severity finding.Severity
	// Score is the CVSS score the severity came from (nil: a rating or
	// nothing).
	Score *severity.Score
}

// Packages matches every package against src. Problems with single
// records or versions (a version the ecosystem cannot parse) are returned
// as errors; matching goes on.
func Packages(pkgs []inventory.Package, src Source, cfg Config) ([]Match, []error) {
	var out []Match
	var errs []error
	for _, p := range pkgs {
		name, ver := queryOf(p)
		if name == "" || ver == "" {
			continue
		}
		if !version.Supported(p.Ecosystem) {
			continue
		}
		recs, err := src.Lookup(p.Ecosystem, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("look up %s %s: %w", p.Ecosystem, name, err))
			continue
		}
		seen := map[string]bool{}
		for _, r := range recs {
			if r.IsWithdrawn() || seen[r.ID] {
				continue
			}
			affected, fixed, sevs, err := Affects(r, p.Ecosystem, name, ver)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s on %s %s: %w", r.ID, name, ver, err))
			}
			if !affected || (cfg.IgnoreUnfixed && fixed == "") {
				continue
			}
			seen[r.ID] = true
			m := Match{Package: p, Vuln: r, Fixed: fixed}
			m.Severity, m.Score = Severity(r, sevs)
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Package.Location != b.Package.Location {
			return a.Package.Location < b.Package.Location
		}
		if a.Package.Name != b.Package.Name {
			return a.Package.Name < b.Package.Name
		}
		return a.Vuln.ID < b.Vuln.ID
	})
	return out, errs
}

// queryOf returns the name and version advisories use for a package: OS
// packages by source package.
func queryOf(p inventory.Package) (string, string) {
	base, _, _ := strings.Cut(p.Ecosystem, ":")
	switch base {
	case inventory.Debian, inventory.Ubuntu, inventory.Alpine, inventory.Wolfi:
		name, ver := p.Name, p.Version
		if p.SourceName != "" {
			name = p.SourceName
		}
		if p.SourceVersion != "" {
			ver = p.SourceVersion
		}
		return name, ver
	}
	return p.Name, p.Version
}

// Affects reports whether record r affects version ver of the package
// (ecosystem, name), the lowest fixed version above ver, and the
// severities of the affected entries that matched.
func Affects(r *osv.Vulnerability, ecosystem, name, ver string) (bool, string, []osv.Severity, error) {
	var (
		affected bool
		fixed    string
		sevs     []osv.Severity
		firstErr error
	)
	for _, a := range r.Affected {
		if !sameEcosystem(a.Package.Ecosystem, ecosystem) || !sameName(ecosystem, a.Package.Name, name) {
			continue
		}
		hit := false
		for _, v := range a.Versions {
			if c, err := version.Compare(ecosystem, v, ver); err == nil && c == 0 {
				hit = true
			}
		}
		for _, rg := range a.Ranges {
			if rg.Type == osv.RangeGit {
				continue
			}
			in, fix, err := inRange(rg, ecosystem, ver)
			if err != nil && firstErr == nil {
				firstErr = err
			}
			if in {
				hit = true
				if fix != "" && (fixed == "" || less(ecosystem, fix, fixed)) {
					fixed = fix
				}
			}
		}
		if hit {
			affected = true
			sevs = append(sevs, a.Severity...)
		}
	}
	return affected, fixed, sevs, firstErr
}

func less(eco, a, b string) bool {
	c, err := version.Compare(eco, a, b)
	return err == nil && c < 0
}

// sameEcosystem: a record for "Debian" applies to "Debian:12"; one for
// "Debian:11" does not.
func sameEcosystem(rec, pkg string) bool {
	if strings.EqualFold(rec, pkg) {
		return true
	}
	rb, rrel, rok := strings.Cut(rec, ":")
	pb, _, _ := strings.Cut(pkg, ":")
	return !rok && rrel == "" && strings.EqualFold(rb, pb)
}

func sameName(eco, a, b string) bool {
	base, _, _ := strings.Cut(eco, ":")
	if base == inventory.PyPI {
		return pep503(a) == pep503(b)
	}
	if base == inventory.Maven || base == inventory.NuGet || base == inventory.Packagist {
		return strings.EqualFold(a, b)
	}
	return a == b
}

func pep503(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("_", "-", ".", "-").Replace(s)
}

type event struct {
	kind string // introduced, fixed, last_affected, limit
	v    string
}

// inRange evaluates one OSV range for ver, per the OSV schema's evaluation
// algorithm: events in version order; "introduced" starts an affected
// interval, "fixed" (exclusive) and "last_affected" (inclusive) end it, and
// "limit" bounds the whole range. It also returns the fix that ends the
// interval ver is in.
func inRange(rg osv.Range, eco, ver string) (bool, string, error) {
	var evs []event
	var limits []string
	for _, e := range rg.Events {
		switch {
		case e.Introduced != "":
			evs = append(evs, event{"introduced", e.Introduced})
		case e.Fixed != "":
			evs = append(evs, event{"fixed", e.Fixed})
		case e.LastAffected != "":
			evs = append(evs, event{"last_affected", e.LastAffected})
		case e.Limit != "":
			limits = append(limits, e.Limit)
		}
	}
	cmp := func(a, b string) (int, error) {
		if a == "0" && b == "0" {
			return 0, nil
		}
		if a == "0" {
			return -1, nil
		}
		if b == "0" {
			return 1, nil
		}
		return version.Compare(eco, a, b)
	}
	var sortErr error
	sort.SliceStable(evs, func(i, j int) bool {
		c, err := cmp(evs[i].v, evs[j].v)
		if err != nil && sortErr == nil {
			sortErr = err
		}
		return c < 0
	})
	if sortErr != nil {
		return false, "", sortErr
	}
	for _, l := range limits {
		c, err := cmp(ver, l)
		if err != nil {
			return false, "", err
		}
		if c >= 0 {
			return false, "", nil
		}
	}
	affected := false
	for i, e := range evs {
		c, err := cmp(ver, e.v)
		if err != nil {
			return false, "", err
		}
		switch e.kind {
		case "introduced":
			if c >= 0 {
				affected = true
			}
		case "fixed":
			if c >= 0 {
				affected = false
			}
		case "last_affected":
			if c > 0 {
				affected = false
			}
		}
		if c < 0 {
			// Events beyond ver cannot change the verdict; the next fix
			// (if ver is affected) is the interval's end.
			if affected {
				for _, n := range evs[i:] {
					if n.kind == "fixed" {
						return true, n.v, nil
					}
					if n.kind == "introduced" || n.kind == "last_affected" {
						break
					}
				}
			}
			return affected, "", nil
		}
	}
	return affected, "", nil
}

// Severity picks a record's severity: the newest CVSS vector of the matched
// entries, then of the record (v4 over v3.1 over v3.0 over v2), else a
// qualitative rating (Ubuntu priorities, GHSA's database_specific.severity).
func Severity(r *osv.Vulnerability, entry []osv.Severity) (finding.Severity, *severity.Score) {
	var best *severity.Score
	rank := map[string]int{"2.0": 1, "3.0": 2, "3.1": 3, "4.0": 4}
	rating := finding.SeverityUnknown
	for _, s := range append(append([]osv.Severity{}, entry...), r.Severity...) {
		switch s.Type {
		case osv.SeverityCVSSv2, osv.SeverityCVSSv3, osv.SeverityCVSSv4:
			sc, err := severity.FromVector(s.Score)
			if err != nil {
				continue
			}
			if best == nil || rank[sc.Version] > rank[best.Version] {
				best = &sc
			}
		default:
			if rs := severity.FromRating(s.Score); rs > rating {
				rating = rs
			}
		}
	}
	if best != nil {
		return best.Severity, best
	}
	if rating != finding.SeverityUnknown {
		return rating, nil
	}
	var ds struct {
		Severity string `json:"severity"`
	}
	if len(r.DatabaseSpecific) > 0 && json.Unmarshal(r.DatabaseSpecific, &ds) == nil {
		return severity.FromRating(ds.Severity), nil
	}
	return finding.SeverityUnknown, nil
}
