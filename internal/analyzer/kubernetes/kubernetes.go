// Package kubernetes is the analyzer for Kubernetes manifests in YAML or
// JSON: multi-document streams and List kinds, one document per object.
package kubernetes

import (
	"context"
	"path"
	"strings"

	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/parse/comment"
	"github.com/wardsec/ward/internal/parse/k8syaml"
	"github.com/wardsec/ward/internal/state"
)

// ID is the plugin ID.
const ID = "iac/kubernetes"

// IgnoreAnnotation lists check IDs to suppress on an object (and, on a pod
// template, on its workload): "WARD-K8S-0001,WARD-K8S-0002".
const IgnoreAnnotation = "ward.dev/ignore"

// Analyzer reads Kubernetes manifests.
type Analyzer struct{}

var _ analyzer.Analyzer = Analyzer{}

// ID implements analyzer.Analyzer.
func (Analyzer) ID() string { return ID }

// Version implements analyzer.Analyzer.
func (Analyzer) Version() int { return 1 }

// Required accepts .yaml, .yml and .json files.
func (Analyzer) Required(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Analyze parses the file and keeps the documents that are Kubernetes
// objects (apiVersion and kind set). Other YAML (values files, CI configs)
// yields no documents and no error.
func (Analyzer) Analyze(_ context.Context, f analyzer.File) (*analyzer.Result, error) {
	docs, err := k8syaml.Parse(f.Path, f.Content, k8syaml.Config{})
	res := &analyzer.Result{}
	ignores := comment.Ignores(f.Path, f.Content)
	for _, d := range docs {
		if doc := Document(f.Path, d.Value, d.Source, ignores); doc != nil {
			res.Documents = append(res.Documents, doc)
		}
	}
	if err != nil {
		if len(res.Documents) == 0 && strings.ToLower(path.Ext(f.Path)) == ".json" && !looksLikeK8s(f.Content) {
			// A JSON file that is not a manifest and not even YAML-parseable
			// is not ours to complain about.
			return res, nil
		}
		return res, err
	}
	return res, nil
}

func looksLikeK8s(b []byte) bool {
	s := string(b[:min(len(b), 4096)])
	return strings.Contains(s, "apiVersion") && strings.Contains(s, "kind")
}

// Document builds the policy input for one Kubernetes object, or nil when v
// is not an object with apiVersion and kind.
func Document(file string, v any, src state.SourceMap, ignores []state.InlineIgnore) *state.Document {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	kind, _ := m["kind"].(string)
	api, _ := m["apiVersion"].(string)
	if kind == "" || api == "" {
		return nil
	}
	meta, _ := m["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if name == "" {
		name, _ = meta["generateName"].(string)
	}
	ns, _ := meta["namespace"].(string)
	doc := &state.Document{
		Type:     state.TypeKubernetes,
		Kind:     kind,
		Path:     file,
		Value:    m,
		Resource: finding.Resource{Kind: kind, Namespace: ns, Name: name},
		Source:   src,
	}
	r := doc.Range()
	for _, ig := range ignores {
		if ig.Line >= r.Start-3 && ig.Line <= r.End {
			doc.Ignores = append(doc.Ignores, ig)
		}
	}
	doc.Annotations = append(doc.Annotations, annotationIDs(meta)...)
	doc.Annotations = append(doc.Annotations, annotationIDs(podTemplateMeta(m, kind))...)
	return doc
}

func podTemplateMeta(m map[string]any, kind string) map[string]any {
	var p []string
	switch kind {
	case "CronJob":
		p = []string{"spec", "jobTemplate", "spec", "template", "metadata"}
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job":
		p = []string{"spec", "template", "metadata"}
	default:
		return nil
	}
	var cur any = m
	for _, k := range p {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	out, _ := cur.(map[string]any)
	return out
}

func annotationIDs(meta map[string]any) []string {
	ann, _ := meta["annotations"].(map[string]any)
	s, _ := ann[IgnoreAnnotation].(string)
	if s == "" {
		return nil
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\n' })
}
