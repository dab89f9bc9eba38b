package helm

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/wardsec/ward/internal/state"
)

// keyRe matches a template line that defines a YAML key: indentation,
// optional list markers, then a plain or quoted key and a colon followed by
// a space or the end of the line. Lines starting with '#' (comments) or '{'
// (template actions) never match.
var keyRe = regexp.MustCompile(`^\s*(?:-\s+)*("[^"]*"|'[^']*'|[^\s"'#{}\[\]-][^:{}#]*?)\s*:(?:\s|$)`)

// lineMapper places the values of documents rendered from one template on
// the template's lines (see the package documentation for the heuristic).
// It is used for one template at a time, documents in rendered order.
type lineMapper struct {
	path   string
	keys   map[string][]int // key name → 1-based template lines, ascending
	vals   map[int]string   // line → the literal value written after its key
	cursor int              // where the next document's top-level keys search first
	nlines int
}

func newLineMapper(path string, tmpl []byte) *lineMapper {
	m := &lineMapper{path: path, keys: map[string][]int{}, vals: map[int]string{}, cursor: 1}
	lines := strings.Split(string(tmpl), "\n")
	m.nlines = len(lines)
	for i, l := range lines {
		sub := keyRe.FindStringSubmatch(l)
		if sub == nil {
			continue
		}
		k := sub[1]
		if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') {
			k = k[1 : len(k)-1]
		}
		m.keys[k] = append(m.keys[k], i+1)
		if v := strings.TrimSpace(l[len(sub[0]):]); v != "" && !strings.Contains(v, "{{") {
			m.vals[i+1] = strings.Trim(v, `"'`)
		}
	}
	return m
}

// find returns the first line at or after from that defines key k, and
// among those, when v (a rendered scalar) is not empty, the first whose
// literal value is v: `- name: nginx` wins over an earlier `- name:` in a
// branch that was not rendered.
func (m *lineMapper) find(k string, from int, v string) (int, bool) {
	lines := m.keys[k]
	i := sort.SearchInts(lines, from)
	if i >= len(lines) {
		return 0, false
	}
	if v != "" {
		for _, l := range lines[i:] {
			if m.vals[l] == v {
				return l, true
			}
		}
	}
	return lines[i], true
}

// literal renders a scalar as a template would write it, or "" for
// collections.
func literal(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case bool, int64, float64:
		return fmt.Sprint(t)
	}
	return ""
}

// document returns a source map for one rendered document: the same value
// paths as rendered (rsrc orders siblings), with template lines.
func (m *lineMapper) document(v any, rsrc state.SourceMap) state.SourceMap {
	out := state.SourceMap{}
	w := walker{m: m, rsrc: rsrc, out: out}
	end := m.cursor
	switch t := v.(type) {
	case map[string]any:
		_, end = w.mapping(t, nil, m.cursor, m.cursor, true)
	case []any:
		end = w.walk(t, nil, m.cursor, m.cursor)
	}
	start := 0
	for _, r := range out {
		if start == 0 || r.Start < start {
			start = r.Start
		}
		end = max(end, r.End)
	}
	if start == 0 {
		start = m.cursor
	}
	out[""] = state.Range{Path: m.path, Start: start, End: max(start, end)}
	m.cursor = min(start+1, m.nlines)
	return out
}

type walker struct {
	m    *lineMapper
	rsrc state.SourceMap
	out  state.SourceMap
}

// walk maps v's children (v itself is at line) and returns the last line
// of v's subtree.
func (w *walker) walk(v any, p []any, line, floor int) int {
	switch t := v.(type) {
	case map[string]any:
		_, end := w.mapping(t, p, line, floor, false)
		return end
	case []any:
		end := line
		fl := floor
		for i, e := range t {
			cp := appendPath(p, i)
			start, sub := line, line
			switch et := e.(type) {
			case map[string]any:
				var first int
				first, sub = w.mapping(et, cp, line, fl, false)
				// `- key: …`: the item starts on its first key's line.
				if first != 0 {
					start = first
				}
			case []any:
				sub = w.walk(et, cp, line, fl)
			}
			w.out[state.Key(cp)] = state.Range{Path: w.m.path, Start: start, End: max(start, sub)}
			fl = max(fl, sub)
			end = max(end, start, sub)
		}
		return end
	}
	return line
}

// mapping places each key of mv (a node at line parent) and returns the
// template line of its first key when that key shares the node's rendered
// line (else 0), and the last line of the subtree.
func (w *walker) mapping(mv map[string]any, p []any, parent, floor int, top bool) (first, end int) {
	keys := make([]string, 0, len(mv))
	for k := range mv {
		keys = append(keys, k)
	}
	rline := func(k string) int { return w.rsrc[state.Key(appendPath(p, k))].Start }
	sort.Slice(keys, func(i, j int) bool {
		a, b := rline(keys[i]), rline(keys[j])
		if a != b {
			return a < b
		}
		return keys[i] < keys[j]
	})
	end = parent
	prev := max(parent, floor)
	for i, k := range keys {
		cp := appendPath(p, k)
		lit := literal(mv[k])
		line, ok := w.m.find(k, prev, lit)
		if !ok && prev != parent {
			line, ok = w.m.find(k, parent, lit)
		}
		if !ok && top {
			line, ok = w.m.find(k, 1, lit)
		}
		if ok {
			prev = line
			if i == 0 && len(p) > 0 && rline(k) == w.rsrc[state.Key(p)].Start {
				first = line
			}
		} else {
			line = parent
		}
		sub := w.walk(mv[k], cp, line, line)
		w.out[state.Key(cp)] = state.Range{Path: w.m.path, Start: line, End: max(line, sub)}
		end = max(end, line, sub)
	}
	return first, end
}

func appendPath(p []any, e any) []any {
	out := make([]any, len(p)+1)
	copy(out, p)
	out[len(p)] = e
	return out
}
