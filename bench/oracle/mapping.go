package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"
)

//go:embed mapping.yaml
var defaultMapping []byte

// cloudMappings holds bench/oracle/cloud/*.yaml: further mapping files in
// the same format (typically trivy-checks terraform/cloudformation claims,
// one file per area), merged with mapping.yaml.
//
//go:embed cloud
var cloudMappings embed.FS

// MappingFile is one mapping file's name (for messages) and content.
type MappingFile struct {
	Name string
	Data []byte
}

// DefaultMappingFiles returns the embedded mapping.yaml followed by the
// embedded cloud/*.yaml files in name order.
func DefaultMappingFiles() ([]MappingFile, error) {
	files := []MappingFile{{Name: "mapping.yaml", Data: defaultMapping}}
	more, err := mappingFilesIn(cloudMappings, "cloud")
	if err != nil {
		return nil, err
	}
	return append(files, more...), nil
}

// mappingFilesIn reads dir/*.yaml of fsys, in name order.
func mappingFilesIn(fsys fs.FS, dir string) ([]MappingFile, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []MappingFile
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		out = append(out, MappingFile{Name: n, Data: b})
	}
	return out, nil
}

// ReadMappingFiles reads mapping files from disk.
func ReadMappingFiles(paths []string) ([]MappingFile, error) {
	var out []MappingFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read mapping: %w", err)
		}
		out = append(out, MappingFile{Name: p, Data: b})
	}
	return out, nil
}

// DefaultMapping parses and merges the embedded mapping files.
func DefaultMapping() (Mapping, error) {
	files, err := DefaultMappingFiles()
	if err != nil {
		return nil, err
	}
	return MergeMappings(files...)
}

// MergeMappings parses every file and merges them into one mapping. An
// oracle ID mapped in two files (or twice in one) is an error naming both.
func MergeMappings(files ...MappingFile) (Mapping, error) {
	out := Mapping{}
	from := map[string]string{} // corpus + "\x00" + oracle ID → file
	for _, f := range files {
		m, err := ParseMapping(f.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		corpora := make([]string, 0, len(m))
		for c := range m {
			corpora = append(corpora, c)
		}
		sort.Strings(corpora)
		for _, corpus := range corpora {
			ids := make([]string, 0, len(m[corpus]))
			for oid := range m[corpus] {
				ids = append(ids, oid)
			}
			sort.Strings(ids)
			for _, oid := range ids {
				k := corpus + "\x00" + oid
				if prev, ok := from[k]; ok {
					return nil, fmt.Errorf("mapping %s %q is defined in both %s and %s", corpus, oid, prev, f.Name)
				}
				from[k] = f.Name
				if out[corpus] == nil {
					out[corpus] = map[string]*Entry{}
				}
				out[corpus][oid] = m[corpus][oid]
			}
		}
	}
	return out, nil
}

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
