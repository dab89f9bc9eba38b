package version

import (
	"strings"
)

// Packagist compares Composer package versions the way Composer does after
// normalising them: PHP's version_compare. Case is ignored, a leading "v"
// is dropped and the numeric release is padded to four parts ("1.0" =
// "1.0.0.0", as Composer normalises); "-",
// "_" and "+" become "."; a "." is put between runs of digits and of other
// characters ("1.0rc1" → "1.0.rc.1"); then the parts compare in order:
// numbers numerically, a number after any known word but before "p"/"pl",
// and words by PHP's special forms dev < alpha = a < beta = b < RC = rc <
// (number) < pl = p, matched by prefix ("patch" is "p"), with unknown
// words before "dev". When one version has more parts, a number there makes
// it newer and a word compares against (number): "1.0" < "1.0.1",
// "1.0-beta" < "1.0" < "1.0-p1".
//
// Branch versions ("dev-master") compare as version_compare orders them;
// Composer's own handling of branches and aliases is out of scope.
type Packagist struct{}

// Compare implements Comparer.
func (Packagist) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parsePackagist, cmpPHP)
}

// Validate implements Comparer.
func (Packagist) Validate(v string) error { return validate(v, parsePackagist) }

// parsePackagist returns the canonical parts of a version.
func parsePackagist(in string) ([]string, error) {
	for k := 0; k < len(in); k++ {
		if in[k] >= 0x80 {
			return nil, parseErr("Packagist", in, k+1, "non-ASCII character")
		}
	}
	s := strings.ToLower(strings.TrimSpace(in))
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') && isDigit(s[1]) {
		s = s[1:]
	}
	if s == "" {
		return nil, parseErr("Packagist", in, 0, "empty")
	}
	var parts []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			c := s[i]
			if !isAlnum(c) && c != '.' && c != '-' && c != '_' && c != '+' {
				return nil, parseErr("Packagist", in, i+1, "invalid character")
			}
			if isAlnum(c) && (i == start || isDigit(c) == isDigit(s[i-1])) {
				continue
			}
		}
		if i > start {
			parts = append(parts, s[start:i])
		} else if i < len(s) && !isAlnum(s[i]) && i > 0 && !isAlnum(s[i-1]) {
			return nil, parseErr("Packagist", in, i+1, "empty component")
		}
		start = i
		if i < len(s) && !isAlnum(s[i]) {
			start = i + 1
		}
	}
	if len(parts) == 0 {
		return nil, parseErr("Packagist", in, 0, "no version components")
	}
	// Composer pads the numeric release to four parts: 1.0 = 1.0.0.0.
	n := 0
	for n < len(parts) && isDigit(parts[n][0]) {
		n++
	}
	if n < 4 {
		pad := []string{"0", "0", "0", "0"}[:4-n]
		parts = append(parts[:n:n], append(pad, parts[n:]...)...)
	}
	return parts, nil
}

// phpForms are version_compare's special forms, tried in order as
// prefixes; an unknown word ranks -1.
var phpForms = [...]struct {
	name  string
	order int
}{
	{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
	{"RC", 3}, {"rc", 3}, {"#", 4}, {"pl", 5}, {"p", 5},
}

const phpNumberForm = 4

func phpForm(w string) int {
	for _, f := range phpForms {
		if strings.HasPrefix(w, f.name) {
			return f.order
		}
	}
	return -1
}

func cmpPHPPart(x, y string) int {
	xn, yn := isDigit(x[0]), isDigit(y[0])
	switch {
	case xn && yn:
		return cmpDigits(x, y)
	case xn:
		return sign(phpNumberForm - phpForm(y))
	case yn:
		return sign(phpForm(x) - phpNumberForm)
	}
	return sign(phpForm(x) - phpForm(y))
}

func cmpPHP(a, b []string) int {
	k := 0
	for ; k < len(a) && k < len(b); k++ {
		if c := cmpPHPPart(a[k], b[k]); c != 0 {
			return c
		}
	}
	switch {
	case k < len(a):
		if isDigit(a[k][0]) {
			return 1
		}
		return sign(phpForm(a[k]) - phpNumberForm)
	case k < len(b):
		if isDigit(b[k][0]) {
			return -1
		}
		return sign(phpNumberForm - phpForm(b[k]))
	}
	return 0
}
