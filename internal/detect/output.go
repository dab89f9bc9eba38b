package detect

import (
	"strconv"
	"strings"
)

// notAvailable is what Falco prints for a field without a value.
const notAvailable = "<NA>"

// outputFormat is a rule's output string split into literal text and
// field references (%proc.name, %proc.aname[2]).
type outputFormat struct {
	parts  []outputPart
	fields []outputField
}

type outputPart struct {
	lit   string
	field int // index into fields; -1 for literal text
}

type outputField struct {
	name string
	acc  accessor
	// ok is false for fields Ward does not provide and for filter-only
	// fields: they print <NA>.
	ok bool
}

// parseOutput splits an output string. It returns the fields Ward does
// not provide (they render as <NA>).
func parseOutput(s string) (outputFormat, []string) {
	var o outputFormat
	var unknown []string
	index := map[string]int{}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			o.parts = append(o.parts, outputPart{lit: lit.String(), field: -1})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		if s[i] != '%' {
			lit.WriteByte(s[i])
			i++
			continue
		}
		name, arg, hasArg, n := outputToken(s[i+1:])
		if n == 0 {
			lit.WriteByte('%')
			i++
			continue
		}
		i += 1 + n
		if name == "container.info" && !hasArg {
			continue // deprecated; Falco drops it
		}
		key := name
		if hasArg {
			key += "[" + arg + "]"
		}
		flush()
		idx, seen := index[key]
		if !seen {
			acc, _, err := lookupField(name, arg, hasArg)
			f := outputField{name: key, acc: acc, ok: err == nil && !acc.multi()}
			if err != nil {
				unknown = append(unknown, key)
			}
			idx = len(o.fields)
			index[key] = idx
			o.fields = append(o.fields, f)
		}
		o.parts = append(o.parts, outputPart{field: idx})
	}
	flush()
	return o, unknown
}

// outputToken reads a field name (identifier(.identifier)+) and an
// optional [arg] at the start of s; n is the bytes consumed, 0 if none.
func outputToken(s string) (name, arg string, hasArg bool, n int) {
	i := 0
	dots := 0
	for {
		j := i
		if j >= len(s) || !isLetter(s[j]) {
			break
		}
		for j < len(s) && (isLetter(s[j]) || s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
			j++
		}
		i = j
		if i+1 < len(s) && s[i] == '.' && isLetter(s[i+1]) {
			i++
			dots++
			continue
		}
		break
	}
	if dots == 0 {
		return "", "", false, 0
	}
	name = s[:i]
	if i < len(s) && s[i] == '[' {
		if end := strings.IndexByte(s[i:], ']'); end > 1 {
			return name, s[i+1 : i+end], true, i + end + 1
		}
	}
	return name, "", false, i
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Field is one field an output referenced, with its value for the event
// ("<NA>" when it has none).
type Field struct {
	Name  string
	Value string
}

func (o *outputFormat) render(c *evalCtx) (string, []Field) {
	vals := make([]string, len(o.fields))
	fields := make([]Field, len(o.fields))
	for i, f := range o.fields {
		v := notAvailable
		if f.ok {
			if s, ok := formatValue(c, f.acc); ok && s != "" {
				v = s
			}
		}
		vals[i] = v
		fields[i] = Field{Name: f.name, Value: v}
	}
	var b strings.Builder
	for _, p := range o.parts {
		if p.field < 0 {
			b.WriteString(p.lit)
		} else {
			b.WriteString(vals[p.field])
		}
	}
	return b.String(), fields
}

func formatValue(c *evalCtx, a accessor) (string, bool) {
	switch a.typ {
	case typeString:
		return a.str(c)
	case typeInt:
		v, ok := a.num(c)
		return strconv.FormatInt(v, 10), ok
	case typeBool:
		v, ok := a.num(c)
		return strconv.FormatBool(v != 0), ok
	}
	v, ok := a.ip(c)
	if !ok {
		return "", false
	}
	return v.String(), true
}
