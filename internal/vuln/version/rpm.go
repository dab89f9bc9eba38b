package version

import (
	"strings"
)

// RPM compares rpm package versions, [epoch:]version[-release], the way
// rpm does: epochs numerically (a missing epoch is 0), then version and
// release with rpmvercmp. rpmvercmp splits a string into runs of digits and
// runs of ASCII letters, skipping every other character except "~" and "^";
// digit runs compare numerically and sort after letter runs, letter runs
// compare byte-wise; "~" sorts before everything, even the end ("1.0~rc1" <
// "1.0"); "^" sorts after the end but before anything else ("1.0" <
// "1.0^git1" < "1.0.1"). A missing release sorts before any release.
type RPM struct{}

type rpmVersion struct {
	epoch, version, release string
}

// Compare implements Comparer.
func (RPM) Compare(a, b string) (int, error) {
	return compareBoth(a, b, parseRPM, cmpRPM)
}

// Validate implements Comparer.
func (RPM) Validate(v string) error { return validate(v, parseRPM) }

func parseRPM(s string) (rpmVersion, error) {
	const scheme = "rpm"
	var r rpmVersion
	v := s
	if e, rest, ok := strings.Cut(v, ":"); ok {
		if !allDigits(e) {
			return r, parseErr(scheme, s, 0, "epoch is not a number")
		}
		r.epoch, v = e, rest
	}
	if i := strings.LastIndexByte(v, '-'); i >= 0 {
		r.version, r.release = v[:i], v[i+1:]
		if r.release == "" {
			return r, parseErr(scheme, s, 0, "release is empty")
		}
	} else {
		r.version = v
	}
	if r.version == "" {
		return r, parseErr(scheme, s, 0, "version is empty")
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c <= ' ' || c >= 0x7f || c == ':' {
			return r, parseErr(scheme, s, len(s)-len(v)+i+1, "invalid character")
		}
	}
	return r, nil
}

func cmpRPM(a, b rpmVersion) int {
	if c := cmpDigits(a.epoch, b.epoch); c != 0 {
		return c
	}
	if c := rpmvercmp(a.version, b.version); c != 0 {
		return c
	}
	return rpmvercmp(a.release, b.release)
}

// rpmvercmp is rpm's segment comparison of one version or release.
func rpmvercmp(a, b string) int {
	if a == b {
		return 0
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for i < len(a) && !isAlnum(a[i]) && a[i] != '~' && a[i] != '^' {
			i++
		}
		for j < len(b) && !isAlnum(b[j]) && b[j] != '~' && b[j] != '^' {
			j++
		}
		ac, bc := byteAt(a, i), byteAt(b, j)
		// "~" sorts before everything else.
		if ac == '~' || bc == '~' {
			if ac != '~' {
				return 1
			}
			if bc != '~' {
				return -1
			}
			i++
			j++
			continue
		}
		// "^" sorts after the end, before everything else.
		if ac == '^' || bc == '^' {
			switch {
			case i >= len(a):
				return -1
			case j >= len(b):
				return 1
			case ac != '^':
				return 1
			case bc != '^':
				return -1
			}
			i++
			j++
			continue
		}
		if i >= len(a) || j >= len(b) {
			break
		}
		var ae, be int
		isNum := isDigit(a[i])
		if isNum {
			ae, be = digitsEnd(a, i), digitsEnd(b, j)
		} else {
			ae, be = alphaEnd(a, i), alphaEnd(b, j)
		}
		if be == j {
			// Segments of different kinds: the number is newer.
			if isNum {
				return 1
			}
			return -1
		}
		var c int
		if isNum {
			c = cmpDigits(a[i:ae], b[j:be])
		} else {
			c = strings.Compare(a[i:ae], b[j:be])
		}
		if c != 0 {
			return c
		}
		i, j = ae, be
	}
	switch {
	case i >= len(a) && j >= len(b):
		return 0
	case i >= len(a):
		return -1
	}
	return 1
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func alphaEnd(s string, i int) int {
	for i < len(s) && isAlpha(s[i]) {
		i++
	}
	return i
}
