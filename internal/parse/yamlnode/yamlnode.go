// Package yamlnode holds the small pieces every YAML-based parser of Ward
// shares when it walks yaml.v3 nodes: scalar conversion to JSON-compatible
// values, the last line a node spans, the text sniff, and turning yaml.v3
// errors into *limits.ParseError with a line.
package yamlnode

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
)

// IsText reports whether data looks like text (no NUL in its first 8000
// bytes).
func IsText(data []byte) bool {
	n := min(len(data), 8000)
	return bytes.IndexByte(data[:n], 0) < 0
}

// Error converts a yaml.v3 error ("yaml: line N: message") into a
// *limits.ParseError with the line.
func Error(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if strings.HasPrefix(msg, "line ") {
		rest := msg[len("line "):]
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &limits.ParseError{Path: path, Line: line, Msg: msg}
}

// LastLine is the last line a node's text occupies (block scalars and
// collections span several lines). The walk is bounded.
func LastLine(n *yaml.Node) int {
	for range 10_000 {
		switch n.Kind {
		case yaml.MappingNode, yaml.SequenceNode, yaml.DocumentNode:
			if len(n.Content) == 0 {
				return n.Line
			}
			n = n.Content[len(n.Content)-1]
		case yaml.AliasNode:
			return n.Line
		default:
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				return n.Line + strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
			}
			return n.Line
		}
	}
	return n.Line
}

// Scalar converts a scalar node to nil, bool, int64, float64 or string by
// its resolved tag.
func Scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return i
		}
		var i int64
		if err := n.Decode(&i); err == nil {
			return i
		}
	case "!!float":
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	return n.Value
}

// Merge applies a YAML merge key ("<<: *base" or "<<: [*a, *b]") to m:
// each source node is converted with convert and its keys are copied into
// m where m does not already have them (explicit keys win).
func Merge(m map[string]any, vn *yaml.Node, convert func(*yaml.Node) (any, error)) error {
	srcs := []*yaml.Node{vn}
	if vn.Kind == yaml.SequenceNode {
		srcs = vn.Content
	}
	for _, s := range srcs {
		v, err := convert(s)
		if err != nil {
			return err
		}
		if mm, ok := v.(map[string]any); ok {
			for k, x := range mm {
				if _, exists := m[k]; !exists {
					m[k] = x
				}
			}
		}
	}
	return nil
}
