// Package kustomize builds Kustomize overlays offline and turns every built
// object into a document that points at the file the object came from.
//
// The directory analyzer iac/kustomize takes directories holding
// kustomization.yaml, kustomization.yml or Kustomization and builds them with
// kustomize's krusty API: plugins off, no load restrictor (overlays reach
// ../base), but every read goes through a read-only view of the scan root
// (see rootFS), so nothing outside the root is read. Remote bases and files
// (git URLs, http(s)) are refused with an error naming them before the build
// starts; kustomize would fetch them. helmCharts are not inflated.
//
// # Locations
//
// Origin tracking is switched on by presenting the top kustomization with
// `buildMetadata: [originAnnotations]` added. Each built object's
// config.kubernetes.io/origin annotation names its source file (resources)
// or the kustomization that generated it; the annotation is removed from the
// value the checks see. The document's Path is that file, relative to the
// scan root. Lines come from parsing the source file and finding the same
// object in it: same kind, and the name the built name contains (namePrefix
// and nameSuffix only add to it). The object's source map in that file is
// used as is: keys that a patch added resolve to their nearest ancestor that
// exists in the source file (a patched securityContext.privileged points at
// the container, or the object start). Limits: patches that reorder list
// items make indexes point at the item that had the index in the source
// file; generated objects point at the generator's key in the
// kustomization.
//
// Builds run one at a time: kustomize keeps its OpenAPI schema in a
// package-level variable that a kustomization may change.
package kustomize

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/api/types"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/analyzer/kubernetes"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/comment"
	"github.com/wardsec/ward/internal/parse/k8syaml"
	"github.com/wardsec/ward/internal/state"
)

// ID is the plugin ID.
const ID = "iac/kustomize"

// Annotations kustomize adds for tracking; removed from built values.
const (
	originAnnotation          = "config.kubernetes.io/origin"
	transformationsAnnotation = "alpha.config.kubernetes.io/transformations"
)

// DefaultMaxBuildBytes bounds the bytes one build may read.
const DefaultMaxBuildBytes = 64 << 20

// Config configures the analyzer. The zero value means defaults.
type Config struct {
	// MaxBuildBytes bounds the bytes one build reads; zero means
	// DefaultMaxBuildBytes.
	MaxBuildBytes int64
	// MaxFileSize bounds one file; zero means limits.DefaultMaxFileSize.
	MaxFileSize int64
}

// Analyzer builds kustomization directories.
type Analyzer struct {
	cfg Config
}

var _ analyzer.DirAnalyzer = (*Analyzer)(nil)

// New returns the analyzer.
func New(cfg Config) *Analyzer {
	if cfg.MaxBuildBytes <= 0 {
		cfg.MaxBuildBytes = DefaultMaxBuildBytes
	}
	if cfg.MaxFileSize <= 0 {
		cfg.MaxFileSize = limits.DefaultMaxFileSize
	}
	return &Analyzer{cfg: cfg}
}

// ID implements analyzer.DirAnalyzer.
func (*Analyzer) ID() string { return ID }

// Version implements analyzer.DirAnalyzer.
func (*Analyzer) Version() int { return 1 }

// RequiredDir takes directories holding a kustomization file.
func (a *Analyzer) RequiredDir(dir string, entries []string) bool {
	for _, e := range entries {
		for _, n := range kustomizationNames {
			if e == n {
				return true
			}
		}
	}
	return false
}

// Claims hides the files directly in a kustomization directory from the
// manifest analyzer: the build reports them, patched and renamed. Files in
// subdirectories are still scanned as plain manifests, and subdirectories
// (other overlays, charts) are still offered to directory analyzers.
func (a *Analyzer) Claims(dir, relPath, analyzerID string) bool {
	return analyzerID == kubernetes.ID && path.Dir(relPath) == dir
}

// buildMu serialises builds (see the package documentation).
var buildMu sync.Mutex

// AnalyzeDir builds the kustomization in dir.
func (a *Analyzer) AnalyzeDir(ctx context.Context, fsys fs.FS, dir string) (*analyzer.Result, error) {
	kfile, ok := kustomizationFile(fsys, dir)
	if !ok {
		return nil, fmt.Errorf("no kustomization file in %s", dir)
	}
	if err := checkRefs(fsys, dir); err != nil {
		return nil, err
	}
	kdata, err := fs.ReadFile(fsys, kfile)
	if err != nil {
		return nil, err
	}
	withOrigin, err := addOriginTracking(kdata)
	if err != nil {
		return nil, &limits.ParseError{Path: kfile, Msg: err.Error()}
	}
	rfs := &rootFS{fsys: fsys, overrideName: kfile, override: withOrigin, left: a.cfg.MaxBuildBytes, maxTotal: a.cfg.MaxBuildBytes, maxFile: a.cfg.MaxFileSize}

	m, err := build(ctx, rfs, dir)
	if err != nil {
		return nil, err
	}
	return documents(fsys, dir, kfile, m)
}

func build(ctx context.Context, rfs *rootFS, dir string) (resmap.ResMap, error) {
	type result struct {
		m   resmap.ResMap
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- result{err: fmt.Errorf("kustomize panicked: %v", p)}
			}
		}()
		buildMu.Lock()
		defer buildMu.Unlock()
		if ctx.Err() != nil {
			ch <- result{err: ctx.Err()}
			return
		}
		opts := krusty.MakeDefaultOptions()
		opts.LoadRestrictions = types.LoadRestrictionsNone
		opts.PluginConfig = types.DisabledPluginConfig()
		m, err := krusty.MakeKustomizer(opts).Run(rfs, rfs.abs(dir))
		ch <- result{m, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, fmt.Errorf("kustomize build: %s", cleanMessage(r.err))
		}
		return r.m, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// cleanMessage removes the mount point from kustomize's messages.
func cleanMessage(err error) string {
	msg := err.Error()
	msg = strings.ReplaceAll(msg, mount+"/", "")
	return strings.ReplaceAll(msg, mount, ".")
}

// addOriginTracking adds originAnnotations to the kustomization's
// buildMetadata, keeping everything else.
func addOriginTracking(data []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("kustomization is not a mapping")
	}
	want := string(types.OriginAnnotations)
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "buildMetadata" {
			continue
		}
		seq := root.Content[i+1]
		if seq.Kind != yaml.SequenceNode {
			return nil, errors.New("buildMetadata is not a list")
		}
		for _, n := range seq.Content {
			if n.Value == want {
				return yaml.Marshal(&doc)
			}
		}
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: want})
		return yaml.Marshal(&doc)
	}
	root.Content = append(root.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "buildMetadata"},
		&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: want}}})
	return yaml.Marshal(&doc)
}

// origin is the part of config.kubernetes.io/origin Ward uses.
type origin struct {
	Path         string `yaml:"path"`
	Repo         string `yaml:"repo"`
	ConfiguredIn string `yaml:"configuredIn"`
}

// sourceFile is one parsed origin file.
type sourceFile struct {
	docs    []k8syaml.Doc
	ignores []state.InlineIgnore
	lines   []string
	err     error
}

func documents(fsys fs.FS, dir, kfile string, m resmap.ResMap) (*analyzer.Result, error) {
	res := &analyzer.Result{}
	files := map[string]*sourceFile{}
	load := func(p string) *sourceFile {
		if sf, ok := files[p]; ok {
			return sf
		}
		sf := &sourceFile{}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			sf.err = err
		} else {
			sf.docs, _ = k8syaml.Parse(p, data, k8syaml.Config{})
			sf.ignores = comment.Ignores(p, data)
			sf.lines = strings.Split(string(data), "\n")
		}
		files[p] = sf
		return sf
	}
	for _, r := range m.Resources() {
		out, err := r.AsYAML()
		if err != nil {
			return nil, fmt.Errorf("kustomize output: %w", err)
		}
		docs, err := k8syaml.Parse(kfile, out, k8syaml.Config{})
		if err != nil || len(docs) != 1 {
			res.Errors = append(res.Errors, finding.Error{Path: kfile, Plugin: ID, Message: fmt.Sprintf("built object %s: unreadable output", r.CurId())})
			continue
		}
		v, ok := docs[0].Value.(map[string]any)
		if !ok {
			continue
		}
		o := stripTracking(v)
		file := kfile
		generated := true
		switch {
		case o.Repo != "":
			res.Errors = append(res.Errors, finding.Error{Path: kfile, Plugin: ID, Message: fmt.Sprintf("object from remote %s skipped", o.Repo)})
			continue
		case o.Path != "":
			file, generated = path.Join(dir, o.Path), false
		case o.ConfiguredIn != "":
			file = path.Join(dir, o.ConfiguredIn)
		}
		if file == ".." || strings.HasPrefix(file, "../") {
			return nil, &OutsideError{File: kfile, Ref: o.Path}
		}
		sf := load(file)
		kind, _ := v["kind"].(string)
		name, _ := get(v, "metadata", "name").(string)
		var src state.SourceMap
		if generated {
			src = state.SourceMap{"": generatorRange(file, sf, kind)}
		} else {
			src = match(sf, kind, name)
			if src == nil {
				line := 1
				src = state.SourceMap{"": {Path: file, Start: line, End: max(line, len(sf.lines))}}
			}
		}
		if doc := kubernetes.Document(file, v, src, sf.ignores); doc != nil {
			res.Documents = append(res.Documents, doc)
		}
	}
	sort.SliceStable(res.Documents, func(i, j int) bool { return res.Documents[i].Path < res.Documents[j].Path })
	return res, nil
}

// stripTracking removes kustomize's tracking annotations from v (and the
// annotations map, if nothing else is left) and returns the origin.
func stripTracking(v map[string]any) origin {
	var o origin
	meta, _ := v["metadata"].(map[string]any)
	ann, _ := meta["annotations"].(map[string]any)
	if s, ok := ann[originAnnotation].(string); ok {
		_ = yaml.Unmarshal([]byte(s), &o)
	}
	if ann == nil {
		return o
	}
	delete(ann, originAnnotation)
	delete(ann, transformationsAnnotation)
	if len(ann) == 0 {
		delete(meta, "annotations")
	}
	return o
}

// match finds the object in its source file: same kind, and the longest
// source name the built name contains (prefixes and suffixes only add). It
// returns a copy of that object's source map.
func match(sf *sourceFile, kind, name string) state.SourceMap {
	var best *k8syaml.Doc
	bestLen := -1
	sameKind := 0
	for i := range sf.docs {
		d := &sf.docs[i]
		if k, _ := get(d.Value, "kind").(string); k != kind {
			continue
		}
		sameKind++
		n, _ := get(d.Value, "metadata", "name").(string)
		if n != "" && strings.Contains(name, n) && len(n) > bestLen {
			best, bestLen = d, len(n)
		}
	}
	if best == nil && sameKind == 1 {
		for i := range sf.docs {
			if k, _ := get(sf.docs[i].Value, "kind").(string); k == kind {
				best = &sf.docs[i]
			}
		}
	}
	if best == nil {
		return nil
	}
	out := make(state.SourceMap, len(best.Source))
	for k, r := range best.Source {
		out[k] = r
	}
	return out
}

// generatorRange points a generated object at its generator's key in the
// kustomization (configMapGenerator:, secretGenerator:), else line 1.
func generatorRange(file string, sf *sourceFile, kind string) state.Range {
	key := map[string]string{"ConfigMap": "configMapGenerator:", "Secret": "secretGenerator:"}[kind]
	for i, l := range sf.lines {
		if key != "" && strings.HasPrefix(l, key) {
			return state.Range{Path: file, Start: i + 1, End: i + 1}
		}
	}
	return state.Range{Path: file, Start: 1, End: max(1, len(sf.lines))}
}

func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
