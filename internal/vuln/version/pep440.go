package version

import (
	"strings"
)

// PEP440 compares Python package versions by PEP 440:
//
//	[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]
//
// after the PEP's normalisation: case is ignored, a leading "v" and
// surrounding blanks are dropped, "alpha", "beta", "c", "pre" and "preview"
// spell a, b, rc, rc and rc; "rev" and "r" spell post; "-N" is an implicit
// post-release; "-", "_" and "." separators are optional around pre, post
// and dev markers, and a marker without a number means 0. Trailing zeros of
// the release do not count ("1.0" = "1"). Within one release: .devN <
// aN < bN < rcN < (final) < .postN; local versions sort after the same
// public version, by segment (numbers after strings, numbers numerically).
type PEP440 struct{}

type pepVersion struct {
	epoch   string
	release []string // trailing zeros removed
	// pre: rank 0 (a), 1 (b), 2 (rc); hasPre false means none.
	hasPre  bool
	preRank int
	preNum  string
	hasPost bool
	postNum string
	hasDev  bool
	devNum  string
	local   []string // nil: none
}

// Compare implements Comparer.
func (PEP440) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parsePEP440, cmpPEP440)
}

// Validate implements Comparer.
func (PEP440) Validate(v string) error { return validate(v, parsePEP440) }

// NormalizePEP440 returns the normalised form of a PyPI version
// ("1.0-ALPHA.1" → "1.0a1", "v1.0-1" → "1.0.post1").
func NormalizePEP440(v string) (string, error) {
	if err := checkLen(v); err != nil {
		return "", err
	}
	p, err := parsePEP440Full(v)
	if err != nil {
		return "", err
	}
	return p.String(), nil
}

func parsePEP440(v string) (pepVersion, error) {
	p, err := parsePEP440Full(v)
	if err != nil {
		return p, err
	}
	p.release = trimZeros(p.release)
	return p, nil
}

func trimZeros(r []string) []string {
	n := len(r)
	for n > 0 && strings.TrimLeft(r[n-1], "0") == "" {
		n--
	}
	return r[:n]
}

func isPepSep(c byte) bool { return c == '-' || c == '_' || c == '.' }

// pepScanner walks a lower-cased version.
type pepScanner struct {
	s string
	i int
}

// word consumes, after an optional separator, the first of words found at
// the current position; it returns the index of the word or -1.
func (sc *pepScanner) word(words ...string) int {
	j := sc.i
	if j < len(sc.s) && isPepSep(sc.s[j]) {
		j++
	}
	for k, w := range words {
		if strings.HasPrefix(sc.s[j:], w) {
			sc.i = j + len(w)
			return k
		}
	}
	return -1
}

// number consumes an optional separator and a number; "" when none.
func (sc *pepScanner) number() string {
	j := sc.i
	if j < len(sc.s) && isPepSep(sc.s[j]) {
		j++
	}
	e := digitsEnd(sc.s, j)
	if e == j {
		return ""
	}
	sc.i = e
	return sc.s[j:e]
}

func parsePEP440Full(in string) (pepVersion, error) {
	const scheme = "PEP 440"
	var p pepVersion
	for k := 0; k < len(in); k++ {
		if in[k] >= 0x80 {
			return p, parseErr(scheme, in, k+1, "non-ASCII character")
		}
	}
	s := strings.ToLower(strings.TrimSpace(in))
	s = strings.TrimPrefix(s, "v")
	sc := &pepScanner{s: s}
	fail := func(msg string) (pepVersion, error) {
		return p, parseErr(scheme, in, 0, msg)
	}
	// Epoch and release.
	e := digitsEnd(s, 0)
	if e == 0 {
		return fail("release does not start with a number")
	}
	if e < len(s) && s[e] == '!' {
		p.epoch = s[:e]
		sc.i = e + 1
	}
	for {
		e := digitsEnd(s, sc.i)
		if e == sc.i {
			return fail("release segment is not a number")
		}
		p.release = append(p.release, s[sc.i:e])
		sc.i = e
		if sc.i+1 < len(s) && s[sc.i] == '.' && isDigit(s[sc.i+1]) {
			sc.i++
			continue
		}
		break
	}
	// Pre-release.
	switch sc.word("alpha", "a", "beta", "b", "preview", "pre", "rc", "c") {
	case 0, 1:
		p.hasPre, p.preRank = true, 0
	case 2, 3:
		p.hasPre, p.preRank = true, 1
	case 4, 5, 6, 7:
		p.hasPre, p.preRank = true, 2
	}
	if p.hasPre {
		p.preNum = sc.number()
	}
	// Post-release: "-N" or [sep](post|rev|r)[sep][N].
	if sc.i+1 < len(s) && s[sc.i] == '-' && isDigit(s[sc.i+1]) {
		e := digitsEnd(s, sc.i+1)
		p.hasPost, p.postNum = true, s[sc.i+1:e]
		sc.i = e
	} else if sc.word("post", "rev", "r") >= 0 {
		p.hasPost = true
		p.postNum = sc.number()
	}
	// Development release.
	if sc.word("dev") >= 0 {
		p.hasDev = true
		p.devNum = sc.number()
	}
	// Local version.
	if sc.i < len(s) && s[sc.i] == '+' {
		local := s[sc.i+1:]
		sc.i = len(s)
		if local == "" {
			return fail("empty local version")
		}
		p.local = strings.FieldsFunc(local, func(r rune) bool { return r < 0x80 && isPepSep(byte(r)) })
		if len(p.local) != strings.Count(local, ".")+strings.Count(local, "-")+strings.Count(local, "_")+1 {
			return fail("empty local version segment")
		}
		for _, seg := range p.local {
			for k := 0; k < len(seg); k++ {
				if !isAlnum(seg[k]) {
					return fail("invalid character in local version")
				}
			}
		}
	}
	if sc.i != len(s) {
		return p, parseErr(scheme, in, 0, "unexpected "+quoteRest(s[sc.i:]))
	}
	return p, nil
}

func quoteRest(s string) string {
	if len(s) > 20 {
		s = s[:20] + "…"
	}
	return "\"" + s + "\""
}

// String returns the normalised form.
func (p pepVersion) String() string {
	var b strings.Builder
	if p.epoch != "" && strings.TrimLeft(p.epoch, "0") != "" {
		b.WriteString(normNum(p.epoch) + "!")
	}
	for k, r := range p.release {
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(normNum(r))
	}
	if p.hasPre {
		b.WriteString([]string{"a", "b", "rc"}[p.preRank] + normNum(p.preNum))
	}
	if p.hasPost {
		b.WriteString(".post" + normNum(p.postNum))
	}
	if p.hasDev {
		b.WriteString(".dev" + normNum(p.devNum))
	}
	if p.local != nil {
		b.WriteString("+")
		for k, seg := range p.local {
			if k > 0 {
				b.WriteByte('.')
			}
			if allDigits(seg) {
				seg = normNum(seg)
			}
			b.WriteString(seg)
		}
	}
	return b.String()
}

func normNum(s string) string {
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return "0"
	}
	return s
}

// pepPre orders the pre-release part: a dev-only release (1.0.dev1) before
// every pre-release, a final or post release after them.
func pepPre(p pepVersion) (rank int, num string) {
	switch {
	case !p.hasPre && !p.hasPost && p.hasDev:
		return -1, ""
	case !p.hasPre:
		return 3, ""
	}
	return p.preRank, p.preNum
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func cmpPEP440(a, b pepVersion) int {
	if c := cmpDigits(a.epoch, b.epoch); c != 0 {
		return c
	}
	for k := 0; k < len(a.release) && k < len(b.release); k++ {
		if c := cmpDigits(a.release[k], b.release[k]); c != 0 {
			return c
		}
	}
	if c := sign(len(a.release) - len(b.release)); c != 0 {
		return c
	}
	ar, an := pepPre(a)
	br, bn := pepPre(b)
	if c := sign(ar - br); c != 0 {
		return c
	}
	if c := cmpDigits(an, bn); c != 0 {
		return c
	}
	// No post-release sorts first.
	if c := cmpBool(a.hasPost, b.hasPost); c != 0 {
		return c
	}
	if c := cmpDigits(a.postNum, b.postNum); c != 0 {
		return c
	}
	// No dev release sorts last.
	if c := cmpBool(!a.hasDev, !b.hasDev); c != 0 {
		return c
	}
	if c := cmpDigits(a.devNum, b.devNum); c != 0 {
		return c
	}
	return cmpLocal(a.local, b.local)
}

func cmpLocal(a, b []string) int {
	if c := cmpBool(a != nil, b != nil); c != 0 {
		return c
	}
	for k := 0; k < len(a) && k < len(b); k++ {
		x, y := a[k], b[k]
		xn, yn := allDigits(x), allDigits(y)
		var c int
		switch {
		case xn && yn:
			c = cmpDigits(x, y)
		case xn:
			c = 1
		case yn:
			c = -1
		default:
			c = strings.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return sign(len(a) - len(b))
}
