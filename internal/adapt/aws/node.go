package aws

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

// node is a value inside an IaC resource (or a parsed JSON document) with
// its path, so every typed value can be given the range that wrote it.
type node struct {
	v    any
	ok   bool // present in the source
	path []any
	at   func(path []any) state.Range
}

// resourceNode is the root of an IaC resource's value.
func resourceNode(r *state.IaCResource) node {
	src := r.Source
	return node{v: r.Value, ok: true, at: func(p []any) state.Range {
		rng, _ := src.Resolve(p)
		return rng
	}}
}

// constNode is the root of a value whose every part has range r (a policy
// JSON string: its lines are not tracked).
func constNode(v any, r state.Range) node {
	return node{v: v, ok: true, at: func([]any) state.Range { return r }}
}

func (n node) child(k any, v any, ok bool) node {
	p := make([]any, len(n.path)+1)
	copy(p, n.path)
	p[len(n.path)] = k
	return node{v: v, ok: ok, path: p, at: n.at}
}

// rng is the range of the value, or of its nearest written ancestor.
func (n node) rng() state.Range { return n.at(n.path) }

// get returns the map entry k; absent when n is not a map.
func (n node) get(k string) node {
	m, _ := n.v.(map[string]any)
	v, ok := m[k]
	if ok && v == nil {
		ok = false
	}
	return n.child(k, v, ok)
}

// list returns the elements of a list; a single map counts as a list of one
// (CloudFormation writes some lists as one object, Terraform blocks are
// lists).
func (n node) list() []node {
	switch v := n.v.(type) {
	case []any:
		out := make([]node, 0, len(v))
		for i, e := range v {
			out = append(out, n.child(i, e, e != nil))
		}
		return out
	case map[string]any:
		return []node{n}
	}
	return nil
}

// first returns the first element of a block list (or n itself for a map
// or an unknown).
func (n node) first() node {
	if l, ok := n.v.([]any); ok {
		if len(l) == 0 {
			return n.child(0, nil, false)
		}
		return n.child(0, l[0], l[0] != nil)
	}
	return n
}

// unknown returns the reason an unknown value is unknown.
func (n node) unknown() (string, bool) { return unknownOf(n.v) }

func unknownOf(v any) (string, bool) {
	switch u := v.(type) {
	case state.Unknown:
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
func (n node) str() (string, bool) {
	switch v := n.v.(type) {
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

func (n node) Bool(def bool) cloud.Bool {
	if !n.ok {
		return cloud.DefaultBool(def, n.rng())
	}
	if ref, ok := n.unknown(); ok {
		return cloud.UnknownBool(ref, n.rng())
	}
	switch v := n.v.(type) {
	case bool:
		return cloud.ExplicitBool(v, n.rng())
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil {
			return cloud.ExplicitBool(b, n.rng())
		}
	}
	return cloud.UnknownBool(fmt.Sprintf("not a bool: %v", n.v), n.rng())
}

func (n node) String(def string) cloud.String {
	if !n.ok {
		return cloud.DefaultString(def, n.rng())
	}
	if ref, ok := n.unknown(); ok {
		return cloud.UnknownString(ref, n.rng())
	}
	if s, ok := n.str(); ok {
		return cloud.ExplicitString(s, n.rng())
	}
	return cloud.UnknownString("not a string", n.rng())
}

func (n node) Int(def int64) cloud.Int {
	if !n.ok {
		return cloud.DefaultInt(def, n.rng())
	}
	if ref, ok := n.unknown(); ok {
		return cloud.UnknownInt(ref, n.rng())
	}
	switch v := n.v.(type) {
	case int:
		return cloud.ExplicitInt(int64(v), n.rng())
	case int64:
		return cloud.ExplicitInt(v, n.rng())
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return cloud.ExplicitInt(int64(v), n.rng())
		}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return cloud.ExplicitInt(i, n.rng())
		}
	case string:
		if i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return cloud.ExplicitInt(i, n.rng())
		}
	}
	return cloud.UnknownInt(fmt.Sprintf("not an integer: %v", n.v), n.rng())
}

// Strings reads a string or a list of strings. Absent is Default empty.
func (n node) Strings() cloud.Strings {
	if !n.ok {
		return cloud.DefaultStrings(nil, n.rng())
	}
	if ref, ok := n.unknown(); ok {
		return cloud.UnknownStrings(ref, nil, n.rng())
	}
	if s, ok := n.str(); ok {
		return cloud.ExplicitStrings([]string{s}, n.rng())
	}
	l, ok := n.v.([]any)
	if !ok {
		return cloud.UnknownStrings("not a list of strings", nil, n.rng())
	}
	out := make([]string, 0, len(l))
	var unk string
	var anyUnknown bool
	for i, e := range l {
		c := n.child(i, e, e != nil)
		if ref, ok := c.unknown(); ok {
			if !anyUnknown {
				unk = ref
			}
			anyUnknown = true
			continue
		}
		if s, ok := c.str(); ok {
			out = append(out, s)
		} else if e != nil {
			if !anyUnknown {
				unk = "not a string"
			}
			anyUnknown = true
		}
	}
	if anyUnknown {
		return cloud.UnknownStrings(unk, out, n.rng())
	}
	return cloud.ExplicitStrings(out, n.rng())
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
