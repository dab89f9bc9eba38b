package version

import (
	"strings"
)

// Dpkg compares Debian package versions, [epoch:]upstream[-revision], by
// the algorithm of Debian Policy §5.6.12: epochs numerically, then upstream
// version and revision alternating non-digit runs (compared character by
// character, "~" before everything, even the end, letters before
// non-letters) and digit runs (compared numerically). A missing revision
// equals "0"; leading and trailing blanks are ignored as dpkg does.
type Dpkg struct{}

type dpkgVersion struct {
	epoch, upstream, revision string
}

// Compare implements Comparer.
func (Dpkg) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parseDpkg, cmpDpkg)
}

// Validate implements Comparer.
func (Dpkg) Validate(v string) error { return validate(v, parseDpkg) }

func parseDpkg(s string) (dpkgVersion, error) {
	const scheme = "dpkg"
	v := strings.Trim(s, " \t\n")
	if v == "" {
		return dpkgVersion{}, parseErr(scheme, s, 0, "empty")
	}
	var d dpkgVersion
	if e, rest, ok := strings.Cut(v, ":"); ok {
		if e == "" {
			return d, parseErr(scheme, s, 0, "epoch is empty")
		}
		if !allDigits(e) {
			return d, parseErr(scheme, s, 0, "epoch is not a number")
		}
		// dpkg stores the epoch in an int.
		if cmpDigits(e, "2147483647") > 0 {
			return d, parseErr(scheme, s, 0, "epoch is too big")
		}
		d.epoch, v = e, rest
	}
	if i := strings.LastIndexByte(v, '-'); i >= 0 {
		d.upstream, d.revision = v[:i], v[i+1:]
		if d.revision == "" {
			return d, parseErr(scheme, s, 0, "revision is empty")
		}
	} else {
		d.upstream = v
	}
	if d.upstream == "" {
		return d, parseErr(scheme, s, 0, "upstream version is empty")
	}
	if !isDigit(d.upstream[0]) {
		return d, parseErr(scheme, s, 0, "upstream version does not start with a digit")
	}
	for i := 0; i < len(d.upstream); i++ {
		if c := d.upstream[i]; !isAlnum(c) && !strings.ContainsRune(".-+~:", rune(c)) {
			return d, parseErr(scheme, s, 0, "invalid character in upstream version")
		}
	}
	for i := 0; i < len(d.revision); i++ {
		if c := d.revision[i]; !isAlnum(c) && !strings.ContainsRune(".+~", rune(c)) {
			return d, parseErr(scheme, s, 0, "invalid character in revision")
		}
	}
	return d, nil
}

func cmpDpkg(a, b dpkgVersion) int {
	if c := cmpDigits(a.epoch, b.epoch); c != 0 {
		return c
	}
	if c := verrevcmp(a.upstream, b.upstream); c != 0 {
		return c
	}
	return verrevcmp(a.revision, b.revision)
}

// dpkgOrder is the weight of a character in a non-digit run; 0 stands for
// the end of the run.
func dpkgOrder(s string, i int) int {
	if i >= len(s) || isDigit(s[i]) {
		return 0
	}
	c := s[i]
	switch {
	case isAlpha(c):
		return int(c)
	case c == '~':
		return -1
	}
	return int(c) + 256
}

// verrevcmp compares an upstream version or a revision.
func verrevcmp(a, b string) int {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		// Non-digit runs, character by character.
		for (i < len(a) && !isDigit(a[i])) || (j < len(b) && !isDigit(b[j])) {
			ac, bc := dpkgOrder(a, i), dpkgOrder(b, j)
			if ac != bc {
				return sign(ac - bc)
			}
			i++
			j++
		}
		// Digit runs, numerically.
		ie, je := digitsEnd(a, min(i, len(a))), digitsEnd(b, min(j, len(b)))
		if c := cmpDigits(a[min(i, len(a)):ie], b[min(j, len(b)):je]); c != 0 {
			return c
		}
		i, j = ie, je
	}
	return 0
}
