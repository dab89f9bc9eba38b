package version

// APK compares Alpine package versions the way apk-tools does:
//
//	digits{.digits}[letter]{_suffix[digits]}[-rN]
//
// where the pre-release suffixes _alpha < _beta < _pre < _rc sort before the
// bare version and the post-release suffixes _cvs < _svn < _git < _hg < _p
// after it. Components are compared token by token; a component after a
// "." that starts with "0" compares by its count of leading zeros first
// (more zeros sort lower), so "1.01" < "1.1" and "1.001" < "1.01". Digit runs
// are compared as unbounded integers (apk-tools uses a C int). As in
// apk-tools, an empty number ("4.8.0.-r1", "1.0-r") counts as 0.
type APK struct{}

// apk token types, in the order apk-tools declares them: a later type in
// the same position means "shorter" (see cmpAPK).
const (
	apkDigitOrZero = iota // after "."
	apkDigit              // the first component, and digits after a letter
	apkLetter
	apkSuffix
	apkSuffixNo
	apkRevisionNo
	apkEnd
	apkInvalid
)

var apkPreSuffixes = [...]string{"alpha", "beta", "pre", "rc"}
var apkPostSuffixes = [...]string{"cvs", "svn", "git", "hg", "p"}

type apkToken struct {
	typ int
	// zeros > 0: a component with leading zeros, which sorts by -zeros.
	zeros int
	// num: digits of a number token.
	num string
	// n: letter byte, or suffix rank (pre: -4..-1, post: 0..4).
	n int
}

type apkVersion []apkToken

// Compare implements Comparer.
func (APK) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parseAPK, cmpAPK)
}

// Validate implements Comparer.
func (APK) Validate(v string) error { return validate(v, parseAPK) }

// parseAPK splits a version into tokens; the last token has type apkEnd.
func parseAPK(s string) (apkVersion, error) {
	const scheme = "apk"
	if s == "" || !isDigit(s[0]) {
		return nil, parseErr(scheme, s, 1, "does not start with a digit")
	}
	var toks apkVersion
	typ, i := apkDigit, 0
	afterZeros := false
	for typ != apkEnd {
		t := apkToken{typ: typ}
		switch typ {
		case apkDigitOrZero, apkDigit, apkSuffixNo, apkRevisionNo:
			start := i
			if typ == apkDigitOrZero && i < len(s) && s[i] == '0' {
				for i < len(s) && s[i] == '0' {
					i++
				}
				t.zeros = i - start
				break
			}
			// An empty number ("1.-r1", "1.0.r2") is 0, as in apk-tools.
			i = digitsEnd(s, i)
			t.num = s[start:i]
		case apkLetter:
			t.n = int(s[i])
			i++
		case apkSuffix:
			n, l, ok := apkSuffixRank(s[i:])
			if !ok {
				return nil, parseErr(scheme, s, i+1, "unknown suffix")
			}
			t.n = n
			i += l
		}
		toks = append(toks, t)
		afterZeros = t.zeros > 0
		next, ni := apkNext(s, i, typ, afterZeros)
		if next == apkInvalid {
			return nil, parseErr(scheme, s, i+1, "unexpected character")
		}
		typ, i = next, ni
	}
	return append(toks, apkToken{typ: apkEnd}), nil
}

func apkSuffixRank(s string) (rank, n int, ok bool) {
	for k, p := range apkPreSuffixes {
		if len(s) >= len(p) && s[:len(p)] == p {
			return k - len(apkPreSuffixes), len(p), true
		}
	}
	for k, p := range apkPostSuffixes {
		if len(s) >= len(p) && s[:len(p)] == p {
			return k, len(p), true
		}
	}
	return 0, 0, false
}

// apkNext finds the type of the token at s[i:] following a token of type
// typ, and the index where its value starts. afterZeros marks a run of
// leading zeros, which apk-tools follows with a plain digit token.
func apkNext(s string, i, typ int, afterZeros bool) (int, int) {
	if i >= len(s) {
		return apkEnd, i
	}
	if afterZeros {
		// Digits after a run of leading zeros are a token of their own
		// ("1.01" is 1, -1, 1); anything else follows as after a number.
		// apk-tools 2 also puts an empty number (0) before that anything
		// else, which makes "1.0_alpha" sort after "1.0"; that quirk is
		// not reproduced.
		typ = apkDigit
		if isDigit(s[i]) {
			return apkDigit, i
		}
	}
	c := s[i]
	n := apkInvalid
	switch {
	case (typ == apkDigit || typ == apkDigitOrZero) && 'a' <= c && c <= 'z':
		return apkLetter, i
	case typ == apkLetter && isDigit(c):
		return apkDigit, i
	case typ == apkSuffix && isDigit(c):
		return apkSuffixNo, i
	case c == '.':
		n = apkDigitOrZero
	case c == '_':
		n = apkSuffix
	case c == '-':
		if i+1 < len(s) && s[i+1] == 'r' {
			n = apkRevisionNo
			i++
		}
	}
	i++
	if n != apkInvalid && n < typ {
		if !(n == apkDigitOrZero && typ == apkDigit) && !(n == apkSuffix && typ == apkSuffixNo) {
			n = apkInvalid
		}
	}
	if n == apkSuffix && i >= len(s) {
		n = apkInvalid // "1.0_": a suffix needs a name
	}
	return n, i
}

func cmpAPKValue(a, b apkToken) int {
	switch a.typ {
	case apkDigitOrZero, apkDigit, apkSuffixNo, apkRevisionNo:
		switch {
		case a.zeros > 0 && b.zeros > 0:
			return sign(b.zeros - a.zeros)
		case a.zeros > 0:
			return -1
		case b.zeros > 0:
			return 1
		}
		return cmpDigits(a.num, b.num)
	}
	return sign(a.n - b.n)
}

func cmpAPK(a, b apkVersion) int {
	k := 0
	for ; k < len(a) && k < len(b); k++ {
		at, bt := a[k], b[k]
		if at.typ != bt.typ {
			break
		}
		if at.typ == apkEnd {
			return 0
		}
		if c := cmpAPKValue(at, bt); c != 0 {
			return c
		}
	}
	// Equal so far; the token types differ. The longer version is newer,
	// unless what it has more is a pre-release suffix.
	at, bt := a[k], b[k]
	if at.typ == apkSuffix && at.n < 0 {
		return -1
	}
	if bt.typ == apkSuffix && bt.n < 0 {
		return 1
	}
	return sign(bt.typ - at.typ)
}
