package secret

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// whitespaceAllowance is what an unbounded repetition of whitespace (\s*,
// [ \t]+) counts for when sizing the window around a keyword hit: runs of
// more blanks than this inside one match are not supported. Any other
// unbounded repetition makes the match length MaxSpan.
const whitespaceAllowance = 256

// regexShape is what the window planner needs to know about a regex.
type regexShape struct {
	// maxLen bounds a match's length in bytes, with every unbounded
	// whitespace repetition counted as whitespaceAllowance (lenCap when
	// another repetition is unbounded).
	maxLen int
	// newline: the regex can match '\n', so a match may span lines.
	newline bool
}

func shapeOf(expr string) (regexShape, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return regexShape{}, err
	}
	re = re.Simplify()
	return regexShape{maxLen: maxLen(re), newline: matchesNL(re)}, nil
}

const lenCap = 1 << 24

func capAdd(a, b int) int { return min(a+b, lenCap) }

func capMul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > lenCap/b {
		return lenCap
	}
	return min(a*b, lenCap)
}

func maxLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += utf8.RuneLen(max(r, 0))
		}
		if re.Flags&syntax.FoldCase != 0 {
			n = capMul(n, 2) // a fold may change the encoded length (k, K)
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		if hi := re.Rune[len(re.Rune)-1]; hi < utf8.RuneSelf {
			return 1
		}
		return utf8.UTFMax
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return unbounded(re.Sub[0], 0)
	case syntax.OpRepeat:
		if re.Max < 0 {
			return unbounded(re.Sub[0], re.Min)
		}
		return capMul(maxLen(re.Sub[0]), re.Max)
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n = capAdd(n, maxLen(s))
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, s := range re.Sub {
			n = max(n, maxLen(s))
		}
		return n
	}
	return 0 // empty match, anchors, word boundaries
}

// unbounded sizes sub{min,}: whitespace runs count whitespaceAllowance,
// anything else the cap (the window planner clamps it to MaxSpan).
func unbounded(sub *syntax.Regexp, atLeast int) int {
	if isSpaceClass(sub) {
		return capAdd(atLeast, whitespaceAllowance)
	}
	return lenCap
}

func isSpaceClass(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if !isSpace(r) {
				return false
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !isSpace(r) {
					return false
				}
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCapture:
		return isSpaceClass(re.Sub[0])
	}
	return false
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

func matchesNL(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r == '\n' {
				return true
			}
		}
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return true
			}
		}
		return false
	case syntax.OpAnyChar:
		return true
	}
	for _, s := range re.Sub {
		if matchesNL(s) {
			return true
		}
	}
	return false
}

// maxPrefixes bounds the literal prefixes enumerated for one regex.
const maxPrefixes = 64

// anchorOf decides whether every match of expr starts at a keyword: the
// regex opens with zero-width assertions (lead) and then with literals,
// every one of which starts with a keyword (case-insensitively, as the
// keyword automaton matches). If so it returns the regex without those
// assertions, anchored at the start of its input, so a hit is checked
// with one anchored match instead of a search over a window.
func anchorOf(expr string, keywords []string) (anchored string, lead syntax.EmptyOp, ok bool) {
	if len(keywords) == 0 {
		return "", 0, false
	}
	re, err := syntax.Parse("(?m)"+expr, syntax.Perl)
	if err != nil {
		return "", 0, false
	}
	lead, ok = stripLead(re)
	if !ok {
		return "", 0, false
	}
	pre, ok := prefixes(re)
	if !ok || len(pre) == 0 {
		return "", 0, false
	}
	for _, p := range pre {
		lp := strings.ToLower(p)
		if !slices.ContainsFunc(keywords, func(k string) bool { return strings.HasPrefix(lp, k) }) {
			return "", 0, false
		}
	}
	return `\A(?:` + re.String() + `)`, lead, true
}

// stripLead replaces the zero-width assertions that open re with empty
// matches and returns them. It fails on assertions it cannot evaluate
// from the bytes around a position.
func stripLead(re *syntax.Regexp) (syntax.EmptyOp, bool) {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		op := map[syntax.Op]syntax.EmptyOp{
			syntax.OpBeginLine: syntax.EmptyBeginLine, syntax.OpBeginText: syntax.EmptyBeginText,
			syntax.OpWordBoundary: syntax.EmptyWordBoundary, syntax.OpNoWordBoundary: syntax.EmptyNoWordBoundary,
		}[re.Op]
		*re = syntax.Regexp{Op: syntax.OpEmptyMatch, Flags: re.Flags}
		return op, true
	case syntax.OpCapture:
		return stripLead(re.Sub[0])
	case syntax.OpConcat:
		var lead syntax.EmptyOp
		for _, s := range re.Sub {
			switch s.Op {
			case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpCapture, syntax.OpConcat, syntax.OpEmptyMatch:
				op, ok := stripLead(s)
				if !ok {
					return 0, false
				}
				lead |= op
				if s.Op != syntax.OpEmptyMatch {
					return lead, true // a capture or concat that consumed input
				}
			default:
				return lead, true
			}
		}
		return lead, true
	}
	return 0, true
}

// prefixes lists the literal strings every match must begin with, when
// the regex begins with literals, alternations of literals or small
// character classes.
func prefixes(re *syntax.Regexp) ([]string, bool) {
	out, _, ok := prefixesOf(re)
	return out, ok
}

// prefixesOf returns the prefixes and whether re is wholly literal (so a
// following element may extend them).
func prefixesOf(re *syntax.Regexp) ([]string, bool, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []string{""}, true, true
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, true, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) >= 8 {
					return nil, false, false
				}
				out = append(out, string(r))
			}
		}
		return out, true, len(out) > 0
	case syntax.OpCapture:
		return prefixesOf(re.Sub[0])
	case syntax.OpAlternate:
		var out []string
		whole := true
		for _, s := range re.Sub {
			p, w, ok := prefixesOf(s)
			if !ok || len(out)+len(p) > maxPrefixes {
				return nil, false, false
			}
			out = append(out, p...)
			whole = whole && w
		}
		return out, whole, true
	case syntax.OpConcat:
		acc := []string{""}
		for _, s := range re.Sub {
			p, w, ok := prefixesOf(s)
			if !ok || len(acc)*len(p) > maxPrefixes {
				return acc, false, acc[0] != "" || len(acc) > 1
			}
			next := make([]string, 0, len(acc)*len(p))
			for _, a := range acc {
				for _, b := range p {
					next = append(next, a+b)
				}
			}
			acc = next
			if !w {
				return acc, false, true
			}
		}
		return acc, true, true
	}
	return nil, false, false
}
