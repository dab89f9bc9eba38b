package detect

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// globMatch reports whether s matches pattern with fnmatch(3) semantics
// and no flags, as Falco's glob operator: '*' matches any run of bytes
// including '/', '?' one character, '[...]' a class ('!' or '^' negates,
// ranges a-z), and '\' escapes the next character. The matcher
// backtracks only to the last '*', so it runs in O(len(s)·len(pattern)).
func globMatch(pattern, s string) bool {
	px, sx := 0, 0
	nextPx, nextSx := -1, -1
	for px < len(pattern) || sx < len(s) {
		if px < len(pattern) {
			switch c := pattern[px]; c {
			case '*':
				nextPx, nextSx = px, sx+1
				px++
				continue
			case '?':
				if sx < len(s) {
					_, n := utf8.DecodeRuneInString(s[sx:])
					px++
					sx += n
					continue
				}
			case '[':
				if sx < len(s) {
					r, n := utf8.DecodeRuneInString(s[sx:])
					if ok, width, valid := matchClass(pattern[px:], r); valid {
						if ok {
							px += width
							sx += n
							continue
						}
					} else if s[sx] == '[' { // an unterminated class matches '[' literally
						px++
						sx++
						continue
					}
				}
			case '\\':
				if px+1 < len(pattern) {
					if sx < len(s) && s[sx] == pattern[px+1] {
						px += 2
						sx++
						continue
					}
				} else if sx < len(s) && s[sx] == '\\' {
					px++
					sx++
					continue
				}
			default:
				if sx < len(s) && s[sx] == c {
					px++
					sx++
					continue
				}
			}
		}
		if nextSx > 0 && nextSx <= len(s) {
			px, sx = nextPx, nextSx
			continue
		}
		return false
	}
	return true
}

// matchClass matches r against the class at the start of p ("[...]"). It
// returns whether r is in the class, the class's width in p, and whether
// the class is well formed.
func matchClass(p string, r rune) (match bool, width int, valid bool) {
	i := 1
	neg := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		neg = true
		i++
	}
	first := true
	for i < len(p) {
		if p[i] == ']' && !first {
			return match != neg, i + 1, true
		}
		first = false
		lo, n := classChar(p[i:])
		if n == 0 {
			return false, 0, false
		}
		i += n
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			hi, n = classChar(p[i+1:])
			if n == 0 {
				return false, 0, false
			}
			i += 1 + n
		}
		if lo <= r && r <= hi {
			match = true
		}
	}
	return false, 0, false
}

func classChar(p string) (rune, int) {
	if p == "" {
		return 0, 0
	}
	if p[0] == '\\' && len(p) > 1 {
		r, n := utf8.DecodeRuneInString(p[1:])
		return r, n + 1
	}
	return utf8.DecodeRuneInString(p)
}

// pathSet is the right side of pmatch: a set of path prefixes matched
// component by component; components may be globs (as Falco ≥ 0.36).
type pathSet struct {
	root pathNode
}

type pathNode struct {
	end      bool
	children map[string]*pathNode
	globs    []globChild
}

type globChild struct {
	pattern string
	node    *pathNode
}

var errEmptyPath = errors.New("empty path in pmatch")

func newPathSet(paths []string) (*pathSet, error) {
	ps := &pathSet{}
	for _, p := range paths {
		if p == "" {
			return nil, errEmptyPath
		}
		n := &ps.root
		for comp := range strings.SplitSeq(p, "/") {
			if comp == "" {
				continue
			}
			n = n.child(comp)
		}
		n.end = true
	}
	return ps, nil
}

func (n *pathNode) child(comp string) *pathNode {
	if strings.ContainsAny(comp, "*?[\\") {
		for _, g := range n.globs {
			if g.pattern == comp {
				return g.node
			}
		}
		c := &pathNode{}
		n.globs = append(n.globs, globChild{pattern: comp, node: c})
		return c
	}
	if n.children == nil {
		n.children = map[string]*pathNode{}
	}
	c, ok := n.children[comp]
	if !ok {
		c = &pathNode{}
		n.children[comp] = c
	}
	return c
}

// match reports whether one of the set's paths is a prefix of p, component
// by component (/etc matches /etc and /etc/passwd, not /etcd).
func (ps *pathSet) match(p string) bool { return ps.root.match(p) }

func (n *pathNode) match(p string) bool {
	for {
		if n.end {
			return true
		}
		for p != "" && p[0] == '/' {
			p = p[1:]
		}
		if p == "" {
			return false
		}
		comp, rest := p, ""
		if i := strings.IndexByte(p, '/'); i >= 0 {
			comp, rest = p[:i], p[i:]
		}
		for _, g := range n.globs {
			if globMatch(g.pattern, comp) && g.node.match(rest) {
				return true
			}
		}
		c, ok := n.children[comp]
		if !ok {
			return false
		}
		n, p = c, rest
	}
}
