// Package cloudformation parses and evaluates AWS CloudFormation and SAM
// templates (YAML or JSON) into IaC resources: parameters, pseudo
// parameters, mappings, conditions and intrinsic functions are resolved; what
// cannot be known from the template alone becomes a state.Unknown. It is a
// pure parser: bytes in, resources out; it never contacts AWS.
//
// Pseudo parameters take fixed fake values, so that templates evaluate the
// same way everywhere:
//
//	AWS::Region           "us-east-1"
//	AWS::AccountId        "123456789012"
//	AWS::Partition        "aws"
//	AWS::StackName        "stack"
//	AWS::StackId          "arn:aws:cloudformation:us-east-1:123456789012:stack/stack/00000000-0000-0000-0000-000000000000"
//	AWS::URLSuffix        "amazonaws.com"
//	AWS::NoValue          removes the key (or list element) it is the value of
//	AWS::NotificationARNs Unknown
//
// Fn::GetAtt, Fn::ImportValue, Fn::GetAZs, Fn::Cidr and Fn::Transform
// evaluate to Unknown; Ref to a resource is Unknown too. SAM resources
// (Transform: AWS::Serverless-2016-10-31) are kept as written, not expanded
// into the resources SAM would generate; the Globals section is merged into
// them (maps merged with the resource's keys winning, lists concatenated
// with the global items first, scalars from the resource).
package cloudformation

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/yamlnode"
	"github.com/wardsec/ward/internal/state"
)

// PluginID names this evaluator in errors.
const PluginID = "iac/cloudformation"

// Fixed values of the pseudo parameters (see the package comment).
const (
	PseudoRegion    = "us-east-1"
	PseudoAccountID = "123456789012"
	PseudoPartition = "aws"
	PseudoStackName = "stack"
	PseudoStackID   = "arn:aws:cloudformation:us-east-1:123456789012:stack/stack/00000000-0000-0000-0000-000000000000"
	PseudoURLSuffix = "amazonaws.com"
)

const (
	maxErrors = 1_000
	// maxOutputBytes bounds the bytes of strings built by Fn::Join, Fn::Sub
	// and Fn::Base64 over one template.
	maxOutputBytes = 64 << 20
)

// Config controls an evaluation. The zero value means defaults.
type Config struct {
	// Parameters override the Default of template parameters, by name.
	Parameters map[string]string
	// MaxDepth, MaxNodes bound the YAML document (0 means the defaults of
	// package limits); MaxNodes also bounds evaluation steps (×4).
	MaxDepth int
	MaxNodes int
}

func (c Config) withDefaults() Config {
	if c.MaxDepth <= 0 {
		c.MaxDepth = limits.DefaultMaxDepth
	}
	if c.MaxNodes <= 0 {
		c.MaxNodes = limits.DefaultMaxNodes
	}
	return c
}

// Result is what an evaluation found.
type Result struct {
	// Resources in document order; those whose Condition is false are left
	// out. Value is the evaluated Properties; References the logical IDs
	// referred to through Ref, Fn::GetAtt, Fn::Sub and DependsOn.
	Resources []state.IaCResource
	// Errors are non-fatal problems; evaluation went on.
	Errors []finding.Error
	// Transforms are the template's Transform macros, e.g.
	// "AWS::Serverless-2016-10-31".
	Transforms []string
}

var templateExts = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".template": true, ".cfn": true, ".txt": true, "": true}

// IsTemplate reports cheaply whether data looks like a CloudFormation or SAM
// template: it has AWSTemplateFormatVersion at the top level, or a top-level
// Resources map with a value whose Type starts with "AWS::", "Custom::" or
// "Alexa::". path is a hint: other extensions than .yaml, .yml, .json,
// .template, .cfn, .txt (or none) are rejected.
func IsTemplate(path string, data []byte) bool {
	if !templateExts[strings.ToLower(filepath.Ext(path))] || len(data) > limits.DefaultMaxFileSize || !yamlnode.IsText(data) {
		return false
	}
	hasVersion := bytes.Contains(data, []byte("AWSTemplateFormatVersion"))
	if !hasVersion && !(bytes.Contains(data, []byte("Resources")) &&
		(bytes.Contains(data, []byte("AWS::")) || bytes.Contains(data, []byte("Custom::")) || bytes.Contains(data, []byte("Alexa::")))) {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(jsonTabs(data), &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "AWSTemplateFormatVersion":
			return true
		case "Resources":
			res := deref(root.Content[i+1])
			if res.Kind != yaml.MappingNode {
				continue
			}
			for j := 1; j < len(res.Content); j += 2 {
				r := deref(res.Content[j])
				if r.Kind != yaml.MappingNode {
					continue
				}
				for k := 0; k+1 < len(r.Content); k += 2 {
					if r.Content[k].Value != "Type" {
						continue
					}
					t := r.Content[k+1].Value
					if strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "Custom::") || strings.HasPrefix(t, "Alexa::") {
						return true
					}
				}
			}
		}
	}
	return false
}

func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// Parse parses and evaluates one template. The error is non-nil (a
// *limits.ParseError or *limits.LimitError) when the file is not a readable
// YAML/JSON mapping or exceeds a limit; problems within the template are in
// Result.Errors and evaluation goes on.
func Parse(path string, data []byte, cfg Config) (*Result, error) {
	cfg = cfg.withDefaults()
	if len(data) > limits.DefaultMaxFileSize {
		return nil, &limits.LimitError{What: "size of " + path, Limit: limits.DefaultMaxFileSize}
	}
	if !yamlnode.IsText(data) {
		return nil, &limits.ParseError{Path: path, Msg: "binary content, not YAML"}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(jsonTabs(data)))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &limits.ParseError{Path: path, Msg: "empty template"}
		}
		return nil, yamlnode.Error(path, err)
	}
	t := &template{path: path, cfg: cfg, rawSrc: state.SourceMap{}, res: &Result{}, seenErr: map[string]bool{}, condState: map[string]condMemo{}}
	raw, err := t.convert(&doc, nil, 0)
	if err != nil {
		return nil, err
	}
	root, ok := raw.(map[string]any)
	if !ok {
		return nil, &limits.ParseError{Path: path, Line: doc.Line, Msg: "template is not a mapping"}
	}
	t.evaluate(root, resourceOrder(&doc, root))
	if t.limitErr != nil {
		return t.res, t.limitErr
	}
	return t.res, nil
}

// jsonTabs replaces tabs by spaces in a JSON document: tabs are only
// whitespace there (a raw tab inside a JSON string is invalid), but YAML
// rejects them in some positions. Lines and columns are kept.
func jsonTabs(data []byte) []byte {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '{' || bytes.IndexByte(data, '\t') < 0 {
		return data
	}
	return bytes.ReplaceAll(data, []byte{'\t'}, []byte{' '})
}

// resourceOrder lists the logical IDs of Resources in document order (keys
// only reachable through merge keys follow, sorted).
func resourceOrder(doc *yaml.Node, root map[string]any) []string {
	resources, _ := root["Resources"].(map[string]any)
	var order []string
	seen := map[string]bool{}
	if len(doc.Content) > 0 {
		r := deref(doc.Content[0])
		for i := 0; i+1 < len(r.Content); i += 2 {
			if r.Content[i].Value != "Resources" {
				continue
			}
			res := deref(r.Content[i+1])
			if res.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(res.Content); j += 2 {
				k := res.Content[j].Value
				if _, ok := resources[k]; ok && !seen[k] {
					seen[k] = true
					order = append(order, k)
				}
			}
		}
	}
	var rest []string
	for k := range resources {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(order, rest...)
}

// shortTags maps the YAML short-form tags to the long-form function names.
var shortTags = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!Sub": "Fn::Sub", "!GetAtt": "Fn::GetAtt", "!If": "Fn::If", "!Join": "Fn::Join",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!FindInMap": "Fn::FindInMap",
	"!ImportValue": "Fn::ImportValue", "!Equals": "Fn::Equals", "!And": "Fn::And",
	"!Or": "Fn::Or", "!Not": "Fn::Not", "!Base64": "Fn::Base64", "!GetAZs": "Fn::GetAZs",
	"!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform", "!Length": "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString",
}

func (t *template) record(path []any, n *yaml.Node, end int) {
	t.rawSrc[state.Key(path)] = state.Range{Path: t.path, Start: n.Line, End: end}
}

// convert turns a YAML node into a JSON-compatible value, short-form tags
// into their long form, recording the lines of every value under its path
// from the template root.
func (t *template) convert(n *yaml.Node, path []any, depth int) (any, error) {
	if depth > t.cfg.MaxDepth {
		return nil, &limits.LimitError{What: "nesting depth in " + t.path, Limit: int64(t.cfg.MaxDepth)}
	}
	t.nodes++
	if t.nodes > t.cfg.MaxNodes {
		return nil, &limits.LimitError{What: "YAML nodes (after alias expansion) in " + t.path, Limit: int64(t.cfg.MaxNodes)}
	}
	fn := shortTags[n.Tag]
	if fn == "" {
		return t.convertNode(n, path, depth)
	}
	inner := appendPath(path, fn)
	v, err := t.convertNode(n, inner, depth)
	if err != nil {
		return nil, err
	}
	if fn == "Fn::GetAtt" {
		if s, ok := v.(string); ok {
			if i := strings.IndexByte(s, '.'); i > 0 {
				v = []any{s[:i], s[i+1:]}
			}
		}
	}
	t.record(inner, n, yamlnode.LastLine(n))
	return map[string]any{fn: v}, nil
}

func (t *template) convertNode(n *yaml.Node, path []any, depth int) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		v, err := t.convert(n.Content[0], path, depth+1)
		t.record(path, n.Content[0], yamlnode.LastLine(n.Content[0]))
		return v, err
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		return t.convert(n.Alias, path, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				if err := t.merge(m, vn, path, depth); err != nil {
					return nil, err
				}
				continue
			}
			key := k.Value
			p := appendPath(path, key)
			v, err := t.convert(vn, p, depth+1)
			if err != nil {
				return nil, err
			}
			m[key] = v
			t.record(p, k, yamlnode.LastLine(vn))
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			p := appendPath(path, i)
			v, err := t.convert(e, p, depth+1)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
			t.record(p, e, yamlnode.LastLine(e))
		}
		return s, nil
	case yaml.ScalarNode:
		return yamlnode.Scalar(n), nil
	}
	return nil, nil
}

func (t *template) merge(m map[string]any, vn *yaml.Node, path []any, depth int) error {
	return yamlnode.Merge(m, vn, func(n *yaml.Node) (any, error) { return t.convert(n, path, depth+1) })
}

func appendPath(path []any, e ...any) []any {
	p := make([]any, len(path), len(path)+len(e))
	copy(p, path)
	return append(p, e...)
}

// note records a non-fatal problem at the lines of a raw path.
func (t *template) note(raw []any, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r, _ := t.rawSrc.Resolve(raw)
	k := strconv.Itoa(r.Start) + "\x00" + msg
	if t.seenErr[k] || len(t.res.Errors) >= maxErrors {
		return
	}
	t.seenErr[k] = true
	t.res.Errors = append(t.res.Errors, finding.Error{Path: t.path, Line: r.Start, Plugin: PluginID, Message: msg})
}
