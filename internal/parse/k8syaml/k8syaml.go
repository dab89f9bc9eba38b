// Package k8syaml parses YAML and JSON streams (multi-document, `List`
// kinds) into JSON-compatible values with a source map of every value's lines.
// It is a pure parser: bytes in, documents or a typed error out.
package k8syaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/yamlnode"
	"github.com/wardsec/ward/internal/state"
)

// Config bounds the parser. A zero field takes the default from package limits.
type Config struct {
	MaxDepth int
	MaxNodes int
	MaxDocs  int
}

func (c Config) withDefaults() Config {
	if c.MaxDepth <= 0 {
		c.MaxDepth = limits.DefaultMaxDepth
	}
	if c.MaxNodes <= 0 {
		c.MaxNodes = limits.DefaultMaxNodes
	}
	if c.MaxDocs <= 0 {
		c.MaxDocs = limits.DefaultMaxDocs
	}
	return c
}

// Doc is one parsed document of a stream.
type Doc struct {
	Value  any
	Source state.SourceMap
	// Index is the position of the document in the stream (0-based); items
	// of a List share their List's index.
	Index int
	// ListPath is the path of the item within its List document, or nil.
	ListPath []any
}

// Parse reads every document of a YAML (or JSON) stream. Empty documents are
// skipped. Items of a `kind: List` (or `*List`) document become documents of
// their own whose source map keys are relative to the item.
func Parse(path string, data []byte, cfg Config) ([]Doc, error) {
	cfg = cfg.withDefaults()
	if !yamlnode.IsText(data) {
		return nil, &limits.ParseError{Path: path, Msg: "binary content, not YAML"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []Doc
	for i := 0; ; i++ {
		if i >= cfg.MaxDocs {
			return out, &limits.LimitError{What: "documents in " + path, Limit: int64(cfg.MaxDocs)}
		}
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, yamlnode.Error(path, err)
		}
		c := converter{path: path, cfg: cfg, src: state.SourceMap{}}
		v, err := c.convert(&n, nil, 0)
		if err != nil {
			return out, err
		}
		if v == nil {
			continue
		}
		if items, ok := listItems(v); ok {
			for j, it := range items {
				lp := []any{"items", j}
				sub := state.SourceMap{}
				prefix := state.Key(lp) + "\x00"
				for k, r := range c.src {
					if k == state.Key(lp) {
						sub[""] = r
					} else if strings.HasPrefix(k, prefix) {
						sub[k[len(prefix):]] = r
					}
				}
				out = append(out, Doc{Value: it, Source: sub, Index: i, ListPath: lp})
			}
			continue
		}
		out = append(out, Doc{Value: v, Source: c.src, Index: i})
	}
}

func listItems(v any) ([]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	kind, _ := m["kind"].(string)
	if kind != "List" && !(strings.HasSuffix(kind, "List") && m["items"] != nil) {
		return nil, false
	}
	items, ok := m["items"].([]any)
	return items, ok
}

type converter struct {
	path  string
	cfg   Config
	src   state.SourceMap
	nodes int
}

func (c *converter) record(path []any, n *yaml.Node, end int) {
	c.src[state.Key(path)] = state.Range{Path: c.path, Start: n.Line, End: end}
}

func (c *converter) convert(n *yaml.Node, path []any, depth int) (any, error) {
	if depth > c.cfg.MaxDepth {
		return nil, &limits.LimitError{What: "nesting depth in " + c.path, Limit: int64(c.cfg.MaxDepth)}
	}
	c.nodes++
	if c.nodes > c.cfg.MaxNodes {
		return nil, &limits.LimitError{What: "YAML nodes (after alias expansion) in " + c.path, Limit: int64(c.cfg.MaxNodes)}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.convert(n.Content[0], path, depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		return c.convert(n.Alias, path, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				// "<<: *base" merges the aliased mapping(s) in.
				if err := c.merge(m, vn, path, depth); err != nil {
					return nil, err
				}
				continue
			}
			key := k.Value
			if k.Kind != yaml.ScalarNode {
				key = fmt.Sprintf("%v", k.Value)
			}
			p := appendPath(path, key)
			v, err := c.convert(vn, p, depth+1)
			if err != nil {
				return nil, err
			}
			m[key] = v
			c.record(p, k, yamlnode.LastLine(vn))
		}
		if path == nil {
			c.record(path, n, yamlnode.LastLine(n))
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			p := appendPath(path, i)
			v, err := c.convert(e, p, depth+1)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
			c.record(p, e, yamlnode.LastLine(e))
		}
		if path == nil {
			c.record(path, n, yamlnode.LastLine(n))
		}
		return s, nil
	case yaml.ScalarNode:
		return yamlnode.Scalar(n), nil
	}
	return nil, nil
}

func (c *converter) merge(m map[string]any, vn *yaml.Node, path []any, depth int) error {
	return yamlnode.Merge(m, vn, func(n *yaml.Node) (any, error) { return c.convert(n, path, depth+1) })
}

func appendPath(path []any, e any) []any {
	p := make([]any, len(path)+1)
	copy(p, path)
	p[len(path)] = e
	return p
}
