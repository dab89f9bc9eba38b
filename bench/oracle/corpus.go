package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Expect is an oracle's verdict on one unit.
type Expect string

// The two verdicts an oracle gives.
const (
	ExpectFail Expect = "fail"
	ExpectPass Expect = "pass"
)

// Object names one Kubernetes object. An empty Name matches any object of
// the kind; an empty Namespace matches any namespace.
type Object struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
}

func (o Object) String() string {
	if o.Namespace != "" {
		return o.Kind + "/" + o.Namespace + "/" + o.Name
	}
	return o.Kind + "/" + o.Name
}

// File is one input file written for a scan.
type File struct {
	Name string
	Data []byte
}

// Unit is one verdict of an oracle: "this object (or this whole snippet)
// must / must not be flagged for this oracle ID".
type Unit struct {
	OracleID string
	// ID identifies the unit in output and in mapping exclusions
	// ("<their case path>:<Kind>/<name>").
	ID string
	// Objects the verdict is about: the unit is flagged when a mapped Ward
	// finding is on any of them. Empty means the whole input (a snippet).
	Objects []Object
	// Input is the type of input the unit is about, where a corpus mixes
	// several (trivy-checks: kubernetes, dockerfile, terraform,
	// cloudformation); empty for the Kubernetes-only corpora. Results are
	// also reported per input type.
	Input  string
	Expect Expect
	// Skip, when set, is why the harness cannot measure this unit at all
	// (context the corpus does not ship, an admission request, ...).
	Skip string
	// dedupe is a content key; units with the same key count once.
	dedupe string
}

// Input is one set of files scanned together, with the verdicts about it.
type Input struct {
	Corpus string
	// Source is the case's path inside the corpus, for humans.
	Source string
	Files  []File
	Units  []Unit
}

// Corpus names, as directories under <shared>/corpora.
const (
	CorpusKubescape  = "kubescape-regolibrary"
	CorpusGatekeeper = "gatekeeper-library"
	CorpusKyverno    = "kyverno-policies"
	CorpusTrivy      = "trivy-checks"
)

// Corpora lists the corpora in report order.
var Corpora = []string{CorpusKubescape, CorpusGatekeeper, CorpusKyverno, CorpusTrivy}

// Extract reads one corpus. Problems with single cases are returned as
// warnings; the other cases are still extracted.
func Extract(corpus string, fsys fs.FS) ([]*Input, []error, error) {
	switch corpus {
	case CorpusKubescape:
		return extractKubescape(fsys)
	case CorpusGatekeeper:
		return extractGatekeeper(fsys)
	case CorpusKyverno:
		return extractKyverno(fsys)
	case CorpusTrivy:
		return extractTrivy(fsys)
	}
	return nil, nil, fmt.Errorf("unknown corpus %q", corpus)
}

// parsed is one object read from a manifest.
type parsed struct {
	obj Object
	raw []byte // canonical JSON, for deduplication
}

// k8sObjects decodes every Kubernetes object of a YAML or JSON stream,
// expanding List kinds.
func k8sObjects(data []byte) ([]parsed, error) {
	var out []parsed
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = appendObjects(out, v)
	}
}

func appendObjects(out []parsed, v any) []parsed {
	switch x := v.(type) {
	case []any: // a JSON array of objects
		for _, it := range x {
			out = appendObjects(out, it)
		}
	case map[string]any:
		kind, _ := x["kind"].(string)
		if kind == "" {
			return out
		}
		if items, ok := x["items"].([]any); ok && strings.HasSuffix(kind, "List") {
			for _, it := range items {
				out = appendObjects(out, it)
			}
			return out
		}
		raw, _ := json.Marshal(x)
		out = append(out, parsed{obj: objectOf(x), raw: raw})
	}
	return out
}

func objectOf(m map[string]any) Object {
	kind, _ := m["kind"].(string)
	meta, _ := m["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if name == "" {
		name, _ = meta["generateName"].(string)
	}
	ns, _ := meta["namespace"].(string)
	return Object{Kind: kind, Namespace: ns, Name: name}
}

func hashOf(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// ---- kubescape-regolibrary ----
//
// rules/<rule>/test/<case>/{input/*, expected.json}. Each alert of
// expected.json is a fail unit about its alertObject (k8sApiObjects, or the
// relatedObjects of an externalObject such as an RBAC subject). Every other
// input object of a kind the rule matches is a pass unit.

type ksAlert struct {
	AlertObject struct {
		K8sAPIObjects   []map[string]any `json:"k8sApiObjects"`
		ExternalObjects map[string]any   `json:"externalObjects"`
	} `json:"alertObject"`
}

type ksMeta struct {
	Match []struct {
		Resources []string `json:"resources"`
	} `json:"match"`
}

func extractKubescape(fsys fs.FS) ([]*Input, []error, error) {
	expected, err := fs.Glob(fsys, "rules/*/test/*/expected.json")
	if err != nil {
		return nil, nil, err
	}
	if len(expected) == 0 {
		return nil, nil, errors.New("kubescape: no rules/*/test/*/expected.json")
	}
	var (
		ins   []*Input
		warns []error
		kinds = map[string]map[string]bool{}
	)
	for _, exp := range expected {
		parts := strings.Split(exp, "/")
		rule, cs := parts[1], parts[3]
		caseDir := path.Dir(exp)
		if _, ok := kinds[rule]; !ok {
			kinds[rule] = ksKinds(fsys, "rules/"+rule+"/rule.metadata.json")
		}
		in, err := kubescapeCase(fsys, rule, cs, caseDir, kinds[rule])
		if err != nil {
			warns = append(warns, fmt.Errorf("kubescape %s: %w", caseDir, err))
			continue
		}
		ins = append(ins, in)
	}
	return ins, warns, nil
}

func ksKinds(fsys fs.FS, p string) map[string]bool {
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil
	}
	var m ksMeta
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	out := map[string]bool{}
	for _, x := range m.Match {
		for _, r := range x.Resources {
			out[strings.ToLower(r)] = true
		}
	}
	return out
}

func kubescapeCase(fsys fs.FS, rule, cs, caseDir string, kinds map[string]bool) (*Input, error) {
	b, err := fs.ReadFile(fsys, caseDir+"/expected.json")
	if err != nil {
		return nil, err
	}
	var alerts []ksAlert
	if len(bytes.TrimSpace(b)) > 0 {
		if err := json.Unmarshal(b, &alerts); err != nil {
			return nil, fmt.Errorf("expected.json: %w", err)
		}
	}
	in := &Input{Corpus: CorpusKubescape, Source: caseDir}
	var objs []parsed
	err = fs.WalkDir(fsys, caseDir+"/input", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		in.Files = append(in.Files, File{Name: strings.TrimPrefix(p, caseDir+"/input/"), Data: data})
		o, _ := k8sObjects(data) // a bad input is the scanner's problem to report
		objs = append(objs, o...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	id := rule + "/" + cs
	alerted := map[Object]bool{}
	for i, a := range alerts {
		var set []Object
		for _, m := range a.AlertObject.K8sAPIObjects {
			set = append(set, objectOf(m))
		}
		if eo := a.AlertObject.ExternalObjects; eo != nil {
			if rel, ok := eo["relatedObjects"].([]any); ok {
				for _, r := range rel {
					if m, ok := r.(map[string]any); ok && m["kind"] != nil {
						set = append(set, objectOf(m))
					}
				}
			} else {
				k, _ := eo["kind"].(string)
				n, _ := eo["name"].(string)
				ns, _ := eo["namespace"].(string)
				if k != "" {
					set = append(set, Object{Kind: k, Namespace: ns, Name: n})
				}
			}
		}
		if len(set) == 0 {
			continue
		}
		for _, o := range set {
			alerted[o] = true
			alerted[Object{Kind: o.Kind, Name: o.Name}] = true
		}
		in.Units = append(in.Units, Unit{
			OracleID: rule,
			ID:       fmt.Sprintf("%s#%d:%s", id, i, set[0]),
			Objects:  set,
			Expect:   ExpectFail,
		})
	}
	for _, p := range objs {
		o := p.obj
		if alerted[o] || alerted[Object{Kind: o.Kind, Name: o.Name}] {
			continue
		}
		if kinds != nil && !kinds[strings.ToLower(o.Kind)] {
			continue
		}
		in.Units = append(in.Units, Unit{
			OracleID: rule,
			ID:       id + ":" + o.String(),
			Objects:  []Object{o},
			Expect:   ExpectPass,
		})
	}
	return in, nil
}

// ---- gatekeeper-library ----
//
// library/**/suite.yaml: tests[].cases[] with an object file and
// assertions. A case is a fail unit when an assertion expects violations
// (yes or N > 0), else a pass unit, about the case's object. Oracle ID:
// "<suite>/<test>".

type gkSuite struct {
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Tests []struct {
		Name       string `yaml:"name"`
		Constraint string `yaml:"constraint"`
		Cases      []struct {
			Name       string `yaml:"name"`
			Object     string `yaml:"object"`
			Inventory  []any  `yaml:"inventory"`
			Assertions []struct {
				Violations any    `yaml:"violations"`
				Message    string `yaml:"message"`
			} `yaml:"assertions"`
		} `yaml:"cases"`
	} `yaml:"tests"`
}

func extractGatekeeper(fsys fs.FS) ([]*Input, []error, error) {
	var suites []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "suite.yaml" {
			suites = append(suites, p)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if len(suites) == 0 {
		return nil, nil, errors.New("gatekeeper: no suite.yaml")
	}
	var (
		ins   []*Input
		warns []error
	)
	for _, sp := range suites {
		b, err := fs.ReadFile(fsys, sp)
		if err != nil {
			warns = append(warns, err)
			continue
		}
		var s gkSuite
		if err := yaml.Unmarshal(b, &s); err != nil {
			warns = append(warns, fmt.Errorf("gatekeeper %s: %w", sp, err))
			continue
		}
		dir := path.Dir(sp)
		suite := s.Metadata.Name
		if suite == "" {
			suite = path.Base(dir)
		}
		for _, t := range s.Tests {
			oid := suite + "/" + t.Name
			for _, c := range t.Cases {
				if c.Object == "" {
					continue
				}
				src := path.Join(dir, c.Object)
				data, err := fs.ReadFile(fsys, src)
				if err != nil {
					warns = append(warns, fmt.Errorf("gatekeeper %s case %q: %w", sp, c.Name, err))
					continue
				}
				expect, ok := gkExpect(c.Assertions)
				if !ok {
					warns = append(warns, fmt.Errorf("gatekeeper %s case %q: no usable assertion", sp, c.Name))
					continue
				}
				u := Unit{OracleID: oid, ID: oid + "/" + c.Name, Expect: expect}
				objs, _ := k8sObjects(data)
				for _, p := range objs {
					u.Objects = append(u.Objects, p.obj)
				}
				switch {
				case len(c.Inventory) > 0:
					u.Skip = "needs cluster inventory (other objects in the cluster)"
				case len(objs) > 0 && objs[0].obj.Kind == "AdmissionReview":
					u.Skip = "admission request: verdict depends on the operation (e.g. UPDATE is exempt), not on the manifest"
				case len(objs) == 0:
					u.Skip = "object file holds no Kubernetes object"
				}
				if len(u.Objects) > 0 {
					u.dedupe = hashOf([]byte(oid), objs[0].raw, []byte(expect))
				}
				ins = append(ins, &Input{
					Corpus: CorpusGatekeeper,
					Source: src,
					Files:  []File{{Name: path.Base(c.Object), Data: data}},
					Units:  []Unit{u},
				})
			}
		}
	}
	return ins, warns, nil
}

func gkExpect(as []struct {
	Violations any    `yaml:"violations"`
	Message    string `yaml:"message"`
}) (Expect, bool) {
	seen := false
	for _, a := range as {
		switch v := a.Violations.(type) {
		case int:
			seen = true
			if v > 0 {
				return ExpectFail, true
			}
		case string:
			switch strings.ToLower(v) {
			case "yes":
				return ExpectFail, true
			case "no":
				seen = true
			}
		case bool: // YAML 1.1 readers
			seen = true
			if v {
				return ExpectFail, true
			}
		}
	}
	return ExpectPass, seen
}

// ---- kyverno-policies ----
//
// **/.kyverno-test/kyverno-test.yaml: results[] name a policy, a rule, a
// kind, resources and pass|fail. Each named resource is a unit. Oracle ID:
// the policy name; the mapping may also key "<policy>/<rule>".

type kvTest struct {
	Resources []string `yaml:"resources"`
	Variables string   `yaml:"variables"`
	Userinfo  string   `yaml:"userinfo"`
	Context   string   `yaml:"context"`
	Results   []struct {
		Policy             string   `yaml:"policy"`
		Rule               string   `yaml:"rule"`
		Kind               string   `yaml:"kind"`
		Resources          []string `yaml:"resources"`
		Resource           string   `yaml:"resource"`
		Namespace          string   `yaml:"namespace"`
		Result             string   `yaml:"result"`
		PatchedResources   any      `yaml:"patchedResources"`
		PatchedResource    any      `yaml:"patchedResource"`
		GeneratedResource  any      `yaml:"generatedResource"`
		IsMutatingPolicy   bool     `yaml:"isMutatingPolicy"`
		IsMUtatingPolicy   bool     `yaml:"isMUtatingPolicy"`
		IsGeneratingPolicy bool     `yaml:"isGeneratingPolicy"`
	} `yaml:"results"`
}

func extractKyverno(fsys fs.FS) ([]*Input, []error, error) {
	var tests []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "kyverno-test.yaml" {
			tests = append(tests, p)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if len(tests) == 0 {
		return nil, nil, errors.New("kyverno: no kyverno-test.yaml")
	}
	var (
		ins   []*Input
		warns []error
	)
	for _, tp := range tests {
		in, w := kyvernoTest(fsys, tp)
		warns = append(warns, w...)
		if in != nil {
			ins = append(ins, in)
		}
	}
	return ins, warns, nil
}

func kyvernoTest(fsys fs.FS, tp string) (*Input, []error) {
	b, err := fs.ReadFile(fsys, tp)
	if err != nil {
		return nil, []error{err}
	}
	var t kvTest
	if err := yaml.Unmarshal(b, &t); err != nil {
		return nil, []error{fmt.Errorf("kyverno %s: %w", tp, err)}
	}
	dir := path.Dir(tp)
	caseID := strings.TrimSuffix(dir, "/.kyverno-test")
	in := &Input{Corpus: CorpusKyverno, Source: tp}
	var warns []error
	byObj := map[Object][]byte{}
	for i, r := range t.Resources {
		p := path.Clean(path.Join(dir, r))
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			warns = append(warns, fmt.Errorf("kyverno %s: resource %q: %w", tp, r, err))
			continue
		}
		in.Files = append(in.Files, File{Name: fmt.Sprintf("r%02d-%s", i, path.Base(p)), Data: data})
		objs, _ := k8sObjects(data)
		for _, o := range objs {
			byObj[Object{Kind: strings.ToLower(o.obj.Kind), Name: o.obj.Name}] = o.raw
		}
	}
	skip := ""
	switch {
	case t.Variables != "" || t.Context != "":
		skip = "test supplies variables/context (cluster state the manifest does not carry)"
	case t.Userinfo != "":
		skip = "test supplies admission user info"
	}
	for _, r := range t.Results {
		if r.PatchedResources != nil || r.PatchedResource != nil || r.GeneratedResource != nil ||
			r.IsMutatingPolicy || r.IsMUtatingPolicy || r.IsGeneratingPolicy {
			continue // mutation/generation: not a detection verdict
		}
		var expect Expect
		switch r.Result {
		case "fail":
			expect = ExpectFail
		case "pass":
			expect = ExpectPass
		default:
			continue
		}
		oid := r.Policy
		if r.Rule != "" {
			oid = r.Policy + "/" + r.Rule
		}
		names := r.Resources
		if r.Resource != "" {
			names = append(names, r.Resource)
		}
		for _, n := range names {
			n = strings.TrimSpace(n)
			o := Object{Kind: r.Kind, Namespace: r.Namespace, Name: n}
			if ns, name, ok := strings.Cut(n, "/"); ok {
				o.Namespace, o.Name = ns, name
			}
			u := Unit{OracleID: oid, ID: caseID + ":" + o.String(), Objects: []Object{o}, Expect: expect, Skip: skip}
			raw, ok := byObj[Object{Kind: strings.ToLower(o.Kind), Name: o.Name}]
			if !ok && u.Skip == "" {
				u.Skip = "resource not found in the test's resource files"
			}
			u.dedupe = hashOf([]byte(oid), []byte(o.Kind), []byte(o.Name), raw, []byte(expect))
			in.Units = append(in.Units, u)
		}
	}
	return in, warns
}

// ---- trivy-checks ----
//
// index.json lists checks with the path of an example YAML holding
// good:/bad: snippet lists per input type. Each snippet is one input with one
// unit about the whole snippet: kubernetes and dockerfile snippets of every
// check, terraform and cloudformation snippets of the aws, google and azure
// checks. A check deprecated in index.json has its terraform and
// cloudformation units skipped (its examples no longer define a verdict
// trivy stands by); its kubernetes/dockerfile units are kept as they were
// measured before the cloud units existed.

// Input types of trivy-checks snippets, in report order.
const (
	InputKubernetes     = "kubernetes"
	InputDockerfile     = "dockerfile"
	InputTerraform      = "terraform"
	InputCloudFormation = "cloudformation"
)

// TrivyInputs lists the trivy-checks snippet types the harness extracts.
var TrivyInputs = []string{InputKubernetes, InputDockerfile, InputTerraform, InputCloudFormation}

// trivyCloudProviders are the providers whose terraform/cloudformation
// snippets are extracted.
var trivyCloudProviders = map[string]bool{"aws": true, "google": true, "azure": true}

const skipDeprecated = "check deprecated in trivy-checks index.json"

type tvIndex struct {
	ID         string `json:"id"`
	Examples   string `json:"examples"`
	Provider   string `json:"provider"`
	Deprecated bool   `json:"deprecated"`
}

type tvExamples struct {
	Good []string `yaml:"good"`
	Bad  []string `yaml:"bad"`
}

// trivySnippetFile names the file a snippet is scanned as.
func trivySnippetFile(input, snippet string) string {
	switch input {
	case InputDockerfile:
		return "Dockerfile"
	case InputTerraform:
		return "main.tf"
	case InputCloudFormation:
		if t := strings.TrimSpace(snippet); strings.HasPrefix(t, "{") {
			return "template.json"
		}
		return "template.yaml"
	}
	return "manifest.yaml"
}

func extractTrivy(fsys fs.FS) ([]*Input, []error, error) {
	b, err := fs.ReadFile(fsys, "index.json")
	if err != nil {
		return nil, nil, fmt.Errorf("trivy: %w", err)
	}
	var idx []tvIndex
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, nil, fmt.Errorf("trivy index.json: %w", err)
	}
	sort.SliceStable(idx, func(i, j int) bool { return idx[i].ID < idx[j].ID })
	var (
		ins   []*Input
		warns []error
	)
	for _, c := range idx {
		if c.Examples == "" {
			continue
		}
		eb, err := fs.ReadFile(fsys, c.Examples)
		if err != nil {
			warns = append(warns, fmt.Errorf("trivy %s: %w", c.ID, err))
			continue
		}
		var ex map[string]tvExamples
		if err := yaml.Unmarshal(eb, &ex); err != nil {
			warns = append(warns, fmt.Errorf("trivy %s: %w", c.Examples, err))
			continue
		}
		for _, input := range TrivyInputs {
			e, ok := ex[input]
			if !ok {
				continue
			}
			skip := ""
			if input == InputTerraform || input == InputCloudFormation {
				if !trivyCloudProviders[c.Provider] {
					continue
				}
				if c.Deprecated {
					skip = skipDeprecated
				}
			}
			add := func(list []string, label string, expect Expect) {
				for i, s := range list {
					id := fmt.Sprintf("%s:%s:%s[%d]", c.ID, input, label, i)
					ins = append(ins, &Input{
						Corpus: CorpusTrivy,
						Source: fmt.Sprintf("%s (%s %s[%d])", c.Examples, input, label, i),
						Files:  []File{{Name: trivySnippetFile(input, s), Data: []byte(s + "\n")}},
						Units:  []Unit{{OracleID: c.ID, ID: id, Input: input, Expect: expect, Skip: skip}},
					})
				}
			}
			add(e.Bad, "bad", ExpectFail)
			add(e.Good, "good", ExpectPass)
		}
	}
	return ins, warns, nil
}
