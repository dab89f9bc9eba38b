package cli

import (
	"errors"
	"reflect"
	"testing"

	"github.com/wardsec/ward/internal/limits"
)

// FuzzParseConfig parses arbitrary ward.yaml bytes: no panic; an error is a
// *limits.ParseError naming the file; the same bytes padded past the size
// cap are refused with a *limits.LimitError; and every value configValues
// accepts is a scalar or a list of scalars, turned into one string per item.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("format: json\nseverity: HIGH\nexit-code: 3\nskip-check: [WARD-K8S-0001, WARD-K8S-0002]\n"))
	f.Add([]byte("policy:\n  - policies\n  - more\nquiet: true\ntimeout: 5m\nhelm-set: null\n"))
	f.Add([]byte("severity: {a: b}\nformat: [[x]]\noutput: {1: 2}\n"))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
	f.Add([]byte("<<: {format: json}\n"))
	f.Add([]byte("- not a mapping\n"))
	f.Add([]byte("[[[[[[[[[["))
	f.Add([]byte("? [a]\n: b\n"))
	padded := make([]byte, maxConfigSize+1)
	for i := range padded {
		padded[i] = '\n'
	}
	const path = "ward.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseConfig(path, data)
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			switch {
			case errors.As(err, &pe):
				if pe.Path != path {
					t.Fatalf("parse error names %q, want %q", pe.Path, path)
				}
			case errors.As(err, &le) && len(data) > maxConfigSize:
			default:
				t.Fatalf("untyped error %T: %v", err, err)
			}
		}
		for k, v := range m {
			vals, err := configValues(v)
			if err != nil {
				continue
			}
			rv := reflect.ValueOf(v)
			switch {
			case v == nil:
				if len(vals) != 1 || vals[0] != "" {
					t.Fatalf("key %q: null became %q", k, vals)
				}
			case rv.Kind() == reflect.Map:
				t.Fatalf("key %q: mapping %#v accepted as %q", k, v, vals)
			case rv.Kind() == reflect.Slice:
				if rv.Len() != len(vals) {
					t.Fatalf("key %q: %d items became %d values", k, rv.Len(), len(vals))
				}
				for i := range rv.Len() {
					if ik := reflect.ValueOf(rv.Index(i).Interface()).Kind(); ik == reflect.Map || ik == reflect.Slice {
						t.Fatalf("key %q: nested item %#v accepted", k, rv.Index(i).Interface())
					}
				}
			default:
				if len(vals) != 1 {
					t.Fatalf("key %q: scalar became %d values", k, len(vals))
				}
			}
		}
		if len(data) <= maxConfigSize {
			big := padded[:maxConfigSize+1]
			copy(big, data)
			_, err := parseConfig(path, big)
			var le *limits.LimitError
			if !errors.As(err, &le) || le.Limit != maxConfigSize {
				t.Fatalf("%d bytes: want a LimitError at %d, got %v", len(big), maxConfigSize, err)
			}
			for i := range data {
				big[i] = '\n' // restore the padding for the next input
			}
		}
	})
}
