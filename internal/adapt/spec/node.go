package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
)

// Node is a value inside an IaC resource (or a parsed JSON document) with
// its path, so every typed value can be given the range that wrote it.
type Node struct {
	// V is the value; OK reports whether it is present in the source.
	V    any
	OK   bool
	Path []any
	at   func(path []any) state.Range
	// entryKeys are set on the list the entries operator made of a map:
	// element i stands for the map entry entryKeys[i] (and its lines).
	entryKeys []string
}

// ResourceNode is the root of an IaC resource's value.
func ResourceNode(r *state.IaCResource) Node {
	src := r.Source
	return Node{V: r.Value, OK: true, at: func(p []any) state.Range {
		rng, _ := src.Resolve(p)
		return rng
	}}
}

// ConstNode is the root of a value whose every part has range r (a policy
// JSON string: its lines are not tracked).
func ConstNode(v any, r state.Range) Node {
	return Node{V: v, OK: true, at: func([]any) state.Range { return r }}
}

func (n Node) Child(k any, v any, ok bool) Node {
	p := make([]any, len(n.Path)+1)
	copy(p, n.Path)
	p[len(n.Path)] = k
	return Node{V: v, OK: ok, Path: p, at: n.at}
}

// rng is the range of the value, or of its nearest written ancestor.
func (n Node) Rng() state.Range { return n.at(n.Path) }

// get returns the map entry k; absent when n is not a map.
func (n Node) Get(k string) Node {
	m, _ := n.V.(map[string]any)
	v, ok := m[k]
	if ok && v == nil {
		ok = false
	}
	return n.Child(k, v, ok)
}

// list returns the elements of a list; a single map counts as a list of one
// (CloudFormation writes some lists as one object, Terraform blocks are
// lists).
func (n Node) List() []Node {
	switch v := n.V.(type) {
	case []any:
		out := make([]Node, 0, len(v))
		for i, e := range v {
			if i < len(n.entryKeys) {
				out = append(out, n.Child(n.entryKeys[i], e, e != nil))
				continue
			}
			out = append(out, n.Child(i, e, e != nil))
		}
		return out
	case map[string]any:
		return []Node{n}
	}
	return nil
}

// first returns the first element of a block list (or n itself for a map
// or an unknown).
func (n Node) First() Node {
	if l, ok := n.V.([]any); ok {
		if len(l) == 0 {
			return n.Child(0, nil, false)
		}
		return n.Child(0, l[0], l[0] != nil)
	}
	return n
}

// unknown returns the reason an unknown value is unknown.
func (n Node) Unknown() (string, bool) { return UnknownOf(n.V) }

func UnknownOf(v any) (string, bool) {
	switch u := v.(type) {
	case state.Unknown:
		return u.Reason, true
	case state.PartialJSON:
		return u.Reason, true
	case *state.Unknown:
		if u == nil {
			return "", true
		}
		return u.Reason, true
	case map[string]any:
		// An intrinsic function the CloudFormation evaluator left as is.
		if len(u) == 1 {
			for k := range u {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return k, true
				}
			}
		}
	}
	return "", false
}

// str returns a known scalar as a string.
func (n Node) Str() (string, bool) {
	switch v := n.V.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case json.Number:
		return v.String(), true
	}
	return "", false
}

func (n Node) Bool(def bool) cloud.Bool {
	if !n.OK {
		return cloud.DefaultBool(def, n.Rng())
	}
	if ref, ok := n.Unknown(); ok {
		return cloud.UnknownBool(ref, n.Rng())
	}
	switch v := n.V.(type) {
	case bool:
		return cloud.ExplicitBool(v, n.Rng())
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil {
			return cloud.ExplicitBool(b, n.Rng())
		}
	}
	return cloud.UnknownBool(fmt.Sprintf("not a bool: %v", n.V), n.Rng())
}

func (n Node) String(def string) cloud.String {
	if !n.OK {
		return cloud.DefaultString(def, n.Rng())
	}
	if ref, ok := n.Unknown(); ok {
		return cloud.UnknownString(ref, n.Rng())
	}
	if s, ok := n.Str(); ok {
		return cloud.ExplicitString(s, n.Rng())
	}
	return cloud.UnknownString("not a string", n.Rng())
}

func (n Node) Int(def int64) cloud.Int {
	if !n.OK {
		return cloud.DefaultInt(def, n.Rng())
	}
	if ref, ok := n.Unknown(); ok {
		return cloud.UnknownInt(ref, n.Rng())
	}
	switch v := n.V.(type) {
	case int:
		return cloud.ExplicitInt(int64(v), n.Rng())
	case int64:
		return cloud.ExplicitInt(v, n.Rng())
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return cloud.ExplicitInt(int64(v), n.Rng())
		}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return cloud.ExplicitInt(i, n.Rng())
		}
	case string:
		if i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return cloud.ExplicitInt(i, n.Rng())
		}
	}
	return cloud.UnknownInt(fmt.Sprintf("not an integer: %v", n.V), n.Rng())
}

// Strings reads a string or a list of strings. Absent is Default empty.
func (n Node) Strings() cloud.Strings {
	if !n.OK {
		return cloud.DefaultStrings(nil, n.Rng())
	}
	if ref, ok := n.Unknown(); ok {
		return cloud.UnknownStrings(ref, nil, n.Rng())
	}
	if s, ok := n.Str(); ok {
		return cloud.ExplicitStrings([]string{s}, n.Rng())
	}
	l, ok := n.V.([]any)
	if !ok {
		return cloud.UnknownStrings("not a list of strings", nil, n.Rng())
	}
	out := make([]string, 0, len(l))
	var unk string
	var anyUnknown bool
	for i, e := range l {
		c := n.Child(i, e, e != nil)
		if ref, ok := c.Unknown(); ok {
			if !anyUnknown {
				unk = ref
			}
			anyUnknown = true
			continue
		}
		if s, ok := c.Str(); ok {
			out = append(out, s)
		} else if e != nil {
			if !anyUnknown {
				unk = "not a string"
			}
			anyUnknown = true
		}
	}
	if anyUnknown {
		return cloud.UnknownStrings(unk, out, n.Rng())
	}
	return cloud.ExplicitStrings(out, n.Rng())
}

func SortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
