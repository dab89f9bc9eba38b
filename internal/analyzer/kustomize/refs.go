package kustomize

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// kustomizationNames are the file names kustomize recognises, in its order.
var kustomizationNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// RemoteError names references a scan does not fetch (git repositories,
// http(s) files). Kustomize would clone or download them; Ward never does.
type RemoteError struct {
	File string   // kustomization file, relative to the scan root
	Refs []string // the remote references
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("%s: remote references are not fetched: %s", e.File, strings.Join(e.Refs, ", "))
}

// OutsideError names a reference that leaves the scan root.
type OutsideError struct {
	File string
	Ref  string
}

func (e *OutsideError) Error() string {
	return fmt.Sprintf("%s: reference %q is outside the scan root", e.File, e.Ref)
}

// kustomizationFile returns the name of the kustomization file in dir.
func kustomizationFile(fsys fs.FS, dir string) (string, bool) {
	for _, n := range kustomizationNames {
		p := path.Join(dir, n)
		if st, err := fs.Stat(fsys, p); err == nil && !st.IsDir() {
			return p, true
		}
	}
	return "", false
}

var userAt = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*@`)

// isRemote reports whether kustomize would treat ref as a remote (a git
// clone or an http download). It errs on the remote side: a superset of
// kustomize's own repo-spec and remote-file parsing.
func isRemote(ref string) bool {
	s := strings.ToLower(strings.TrimSpace(ref))
	s = strings.TrimPrefix(s, "git::")
	return strings.Contains(s, "://") ||
		userAt.MatchString(s) ||
		strings.HasPrefix(s, "github.com/") || strings.HasPrefix(s, "github.com:")
}

// refKinds: top-level kustomization keys and how they reference files.
var (
	// lists of paths or directories
	dirListKeys = map[string]bool{"resources": true, "bases": true, "components": true, "generators": true, "transformers": true, "validators": true}
	// lists of file paths (or inline documents, which hold a newline)
	fileListKeys = map[string]bool{"patchesStrategicMerge": true, "crds": true, "configurations": true}
	// lists of objects with a path field
	pathObjKeys = map[string]bool{"patches": true, "patchesJson6902": true, "replacements": true}
	// generators with files/envs/env fields
	genKeys = map[string]bool{"configMapGenerator": true, "secretGenerator": true}
)

// checkRefs reads the kustomization in dir and every local kustomization it
// reaches, and refuses remote references and references outside the root
// before kustomize sees them: kustomize would clone or download the first,
// and the file system wrapper only stops the second at read time.
func checkRefs(fsys fs.FS, dir string) error {
	seen := map[string]bool{}
	var visit func(dir string, depth int) error
	visit = func(dir string, depth int) error {
		if seen[dir] {
			return nil
		}
		seen[dir] = true
		if depth > 64 {
			return fmt.Errorf("%s: kustomization nesting deeper than 64", dir)
		}
		file, ok := kustomizationFile(fsys, dir)
		if !ok {
			return nil
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		var k map[string]any
		if err := yaml.Unmarshal(data, &k); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		var remote []string
		var local []string // directories that may hold kustomizations
		check := func(ref string, mayBeDir bool) error {
			ref = strings.TrimSpace(ref)
			if ref == "" || strings.Contains(ref, "\n") {
				return nil
			}
			if isRemote(ref) {
				remote = append(remote, ref)
				return nil
			}
			if path.IsAbs(ref) {
				return &OutsideError{File: file, Ref: ref}
			}
			p := path.Join(dir, ref)
			if p == ".." || strings.HasPrefix(p, "../") {
				return &OutsideError{File: file, Ref: ref}
			}
			if mayBeDir {
				local = append(local, p)
			}
			return nil
		}
		for key, v := range k {
			switch {
			case dirListKeys[key], fileListKeys[key]:
				for _, e := range asList(v) {
					if s, ok := e.(string); ok {
						if err := check(s, dirListKeys[key]); err != nil {
							return err
						}
					}
				}
			case pathObjKeys[key]:
				for _, e := range asList(v) {
					if m, ok := e.(map[string]any); ok {
						if s, ok := m["path"].(string); ok {
							if err := check(s, false); err != nil {
								return err
							}
						}
					}
				}
			case genKeys[key]:
				for _, e := range asList(v) {
					m, _ := e.(map[string]any)
					for _, f := range []string{"files", "envs", "env"} {
						for _, x := range append(asList(m[f]), m[f]) {
							s, ok := x.(string)
							if !ok {
								continue
							}
							if _, after, ok := strings.Cut(s, "="); ok && f == "files" {
								s = after
							}
							if err := check(s, false); err != nil {
								return err
							}
						}
					}
				}
			case key == "openapi":
				if m, ok := v.(map[string]any); ok {
					if s, ok := m["path"].(string); ok {
						if err := check(s, false); err != nil {
							return err
						}
					}
				}
			case key == "helmCharts" || key == "helmChartInflationGenerator":
				if len(asList(v)) > 0 {
					return fmt.Errorf("%s: helmCharts are not inflated (scan the chart directory itself)", file)
				}
			}
		}
		if len(remote) > 0 {
			sort.Strings(remote)
			return &RemoteError{File: file, Refs: remote}
		}
		for _, d := range local {
			if st, err := fs.Stat(fsys, d); err == nil && st.IsDir() {
				if err := visit(d, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return visit(dir, 0)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
