package db

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vuln/osv"
)

// secDB is an Alpine secdb file (secdb.alpinelinux.org/<v>/<repo>.json, or
// the YAML of the old alpine-secdb repository).
type secDB struct {
	DistroVersion string `json:"distroversion" yaml:"distroversion"`
	RepoName      string `json:"reponame" yaml:"reponame"`
	Packages      []struct {
		Pkg struct {
			Name     string              `json:"name" yaml:"name"`
			Secfixes map[string][]string `json:"secfixes" yaml:"secfixes"`
		} `json:"pkg" yaml:"pkg"`
	} `json:"packages" yaml:"packages"`
}

// ParseAlpineSecDB parses an Alpine secdb file, JSON or YAML, of at most
// maxSize bytes (0: DefaultMaxListSize). Each vulnerability id of the file
// becomes one record "ALPINE-<distroversion>-<reponame>-<id>" (ids of one
// file, e.g. a CVE, repeat across releases and repositories) with the id as
// alias, and per package that fixes it an affected entry in ecosystem
// "Alpine:<distroversion>" with an ECOSYSTEM range introduced 0, fixed at
// the secfixes version. Version "0" means "never affected" and is skipped.
// An entry "CVE-2017-8904 XSA-214" names one vulnerability with two ids.
// A package that lists an id under two versions gets two ranges (their
// union: affected below the later fix).
//
// Errors: *limits.LimitError for oversized input, *limits.ParseError for
// malformed input or a distroversion other than "v<major>.<minor>" or
// "edge".
func ParseAlpineSecDB(r io.Reader, path string, maxSize int64) ([]*osv.Vulnerability, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxListSize
	}
	data, err := readCapped(r, maxSize, "Alpine secdb "+path)
	if err != nil {
		return nil, err
	}
	var db secDB
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		if err := json.Unmarshal(trimmed, &db); err != nil {
			return nil, &limits.ParseError{Path: path, Msg: "Alpine secdb JSON: " + err.Error()}
		}
	} else if err := yaml.Unmarshal(data, &db); err != nil {
		return nil, &limits.ParseError{Path: path, Msg: "Alpine secdb YAML: " + err.Error()}
	}
	if !validAlpineRelease(db.DistroVersion) {
		return nil, &limits.ParseError{Path: path, Msg: fmt.Sprintf("distroversion %.40q: want v<major>.<minor> or edge", db.DistroVersion)}
	}
	ecosystem := inventory.Alpine + ":" + db.DistroVersion
	prefix := "ALPINE-" + db.DistroVersion + "-"
	if db.RepoName != "" {
		if !checkAlias(db.RepoName) {
			return nil, &limits.ParseError{Path: path, Msg: fmt.Sprintf("reponame %.40q", db.RepoName)}
		}
		prefix += db.RepoName + "-"
	}

	byID := map[string]*osv.Vulnerability{}
	aliases := map[string]bool{} // record id NUL alias
	var order []string
	for _, p := range db.Packages {
		name := p.Pkg.Name
		if !checkAlias(name) {
			continue
		}
		versions := make([]string, 0, len(p.Pkg.Secfixes))
		for v := range p.Pkg.Secfixes {
			versions = append(versions, v)
		}
		sort.Strings(versions)
		for _, version := range versions {
			if version == "0" || !checkAlias(version) {
				continue
			}
			for _, entry := range p.Pkg.Secfixes[version] {
				ids := strings.Fields(entry)
				if len(ids) == 0 || !checkAlias(ids[0]) {
					continue
				}
				rec := byID[ids[0]]
				if rec == nil {
					rec = &osv.Vulnerability{ID: prefix + ids[0]}
					if !checkAlias(rec.ID) {
						continue
					}
					byID[ids[0]] = rec
					order = append(order, ids[0])
				}
				for _, id := range ids {
					if k := rec.ID + sep + id; checkAlias(id) && !aliases[k] {
						aliases[k] = true
						rec.Aliases = append(rec.Aliases, id)
					}
				}
				rec.Affected = append(rec.Affected, osv.Affected{
					Package: osv.Package{Ecosystem: ecosystem, Name: name},
					Ranges: []osv.Range{{Type: osv.RangeEcosystem, Events: []osv.Event{
						{Introduced: "0"}, {Fixed: version},
					}}},
				})
			}
		}
	}
	out := make([]*osv.Vulnerability, 0, len(order))
	for _, id := range order {
		out = append(out, byID[id])
	}
	return out, nil
}

func validAlpineRelease(v string) bool {
	if v == "edge" {
		return true
	}
	major, minor, ok := strings.Cut(strings.TrimPrefix(v, "v"), ".")
	return strings.HasPrefix(v, "v") && ok && isDigits(major) && isDigits(minor)
}

func isDigits(s string) bool {
	if s == "" || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ImportAlpineSecDB imports an Alpine secdb file (JSON or YAML) as source
// "alpine:" + its absolute path.
func (db *DB) ImportAlpineSecDB(ctx context.Context, p string) (ImportResult, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", p, err)
	}
	f, err := os.Open(abs)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import Alpine secdb: %w", err)
	}
	defer f.Close()
	recs, err := ParseAlpineSecDB(f, abs, db.limits.MaxListSize)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import Alpine secdb: %w", err)
	}
	return db.Import(ctx, Source{Name: "alpine:" + abs, Kind: "alpine-secdb", Location: abs}, Records(recs))
}
