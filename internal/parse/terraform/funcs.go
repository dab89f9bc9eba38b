package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"math/big"
	"net/netip"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/wardsec/ward/internal/limits"
)

type funcT = function.Function

// maxGenerated bounds the elements or bytes one function call may create.
const maxGenerated = 100_000

// functions returns the built-in functions Ward evaluates. Functions whose
// results exist only at apply time (timestamp, uuid) return unknown; any
// function not listed makes its expression unknown.
func (ev *evaluator) functions() map[string]funcT {
	f := map[string]funcT{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "log": stdlib.LogFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc,
		"chomp":  stdlib.ChompFunc, "format": boundedFormat(stdlib.FormatFunc), "formatlist": boundedFormat(stdlib.FormatListFunc),
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
		"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc, "replace": replaceFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"keys": stdlib.KeysFunc, "length": lengthFunc, "lookup": lookupFunc, "merge": stdlib.MergeFunc,
		"range": boundedRange, "reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsonencode": jsonEncodeFunc, "jsondecode": boundedJSONDecode, "csvdecode": stdlib.CSVDecodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number), "tostring": stdlib.MakeToFunc(cty.String),
		"tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)), "toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try":   tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"index": indexFunc, "one": oneFunc, "sum": sumFunc, "alltrue": allAnyFunc(true), "anytrue": allAnyFunc(false),
		"startswith": strPredFunc(strings.HasPrefix), "endswith": strPredFunc(strings.HasSuffix), "strcontains": strPredFunc(strings.Contains),
		"base64encode": strFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": strFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return "", err
			}
			if !utf8.Valid(b) {
				return "", fmt.Errorf("decoded bytes are not UTF-8")
			}
			return string(b), nil
		}),
		"md5":          hashFunc(md5.New, false),
		"sha1":         hashFunc(sha1.New, false),
		"sha256":       hashFunc(sha256.New, false),
		"sha512":       hashFunc(sha512.New, false),
		"base64sha256": hashFunc(sha256.New, true),
		"base64sha512": hashFunc(sha512.New, true),
		"urlencode":    strFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"basename":     strFunc(func(s string) (string, error) { return path.Base(s), nil }),
		"dirname":      strFunc(func(s string) (string, error) { return path.Dir(s), nil }),
		"cidrsubnet":   cidrSubnetFunc,
		"cidrhost":     cidrHostFunc,
		"cidrnetmask":  cidrNetmaskFunc,
		"timestamp":    unknownFunc(cty.String),
		"uuid":         unknownFunc(cty.String),
		"bcrypt":       unknownFunc(cty.String),
		"sensitive":    identityFunc,
		"nonsensitive": identityFunc,
		"file":         ev.fileFunc(false),
		"filebase64":   ev.fileFunc(true),
		"fileexists":   ev.fileExistsFunc(),
	}
	// templatefile sees every function but itself, so templates cannot
	// recurse.
	inner := make(map[string]funcT, len(f))
	for k, v := range f {
		inner[k] = v
	}
	f["templatefile"] = ev.templateFileFunc(inner)
	return f
}

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

func unknownFunc(ty cty.Type) funcT {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
		Type:     function.StaticReturnType(ty),
		Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(ty), nil },
	})
}

func strFunc(fn func(string) (string, error)) funcT {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "s", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := fn(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

func strPredFunc(fn func(string, string) bool) funcT {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "s", Type: cty.String}, {Name: "x", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func hashFunc(h func() hash.Hash, b64 bool) funcT {
	return strFunc(func(s string) (string, error) {
		x := h()
		x.Write([]byte(s))
		sum := x.Sum(nil)
		if b64 {
			return base64.StdEncoding.EncodeToString(sum), nil
		}
		return hex.EncodeToString(sum), nil
	})
}

// widthRE finds printf widths and precisions; large ones would let one
// format call allocate without bound.
var widthRE = regexp.MustCompile(`%[-+# 0]*(\d{4,}|\*)|\.(\d{4,}|\*)`)

func boundedFormat(fn funcT) funcT {
	return function.New(&function.Spec{
		Params:   []function.Parameter{{Name: "format", Type: cty.String}},
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
		Type: func(args []cty.Value) (cty.Type, error) {
			return fn.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if widthRE.MatchString(args[0].AsString()) {
				return cty.NilVal, fmt.Errorf("format width or precision too large")
			}
			return fn.Call(args)
		},
	})
}

var boundedRange = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "params", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.Number)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var start, end, step float64 = 0, 0, 1
		fs := make([]float64, len(args))
		for i, a := range args {
			fs[i], _ = a.AsBigFloat().Float64()
		}
		switch len(args) {
		case 1:
			end = fs[0]
		case 2:
			start, end = fs[0], fs[1]
		case 3:
			start, end, step = fs[0], fs[1], fs[2]
		default:
			return cty.NilVal, fmt.Errorf("range takes one to three arguments")
		}
		if step == 0 {
			return cty.NilVal, fmt.Errorf("step must not be zero")
		}
		if n := (end - start) / step; n > maxGenerated {
			return cty.NilVal, &limits.LimitError{What: "range length", Limit: maxGenerated}
		}
		return stdlib.Range(args...)
	},
})

var boundedJSONDecode = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type: func(args []cty.Value) (cty.Type, error) {
		if !args[0].IsKnown() {
			return cty.DynamicPseudoType, nil
		}
		if nestingDepth([]byte(args[0].AsString())) > limits.DefaultMaxDepth {
			return cty.NilType, &limits.LimitError{What: "jsondecode nesting", Limit: limits.DefaultMaxDepth}
		}
		return stdlib.JSONDecodeFunc.ReturnTypeForValues(args)
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return stdlib.JSONDecodeFunc.Call(args) },
})

// replaceFunc is Terraform's replace: a substring, or a regular expression
// when written as /re/.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !(l.Type().IsListType() || l.Type().IsTupleType()) {
			return cty.NilVal, fmt.Errorf("index needs a list")
		}
		if !l.IsWhollyKnown() || !args[1].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		i := 0
		for it := l.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			if eq := e.Equals(args[1]); eq.IsKnown() && eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.NilVal, fmt.Errorf("item not found")
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.CanIterateElements() {
			return cty.NilVal, fmt.Errorf("one needs a collection")
		}
		switch l.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := l.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.NilVal, fmt.Errorf("more than one element")
	},
})

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.CanIterateElements() || !l.IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		total := new(big.Float)
		for it := l.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() || e.Type() != cty.Number {
				return cty.NilVal, fmt.Errorf("sum needs numbers")
			}
			total.Add(total, e.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

func allAnyFunc(all bool) funcT {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			l := args[0]
			if !l.CanIterateElements() || !l.IsWhollyKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			for it := l.ElementIterator(); it.Next(); {
				_, e := it.Element()
				b := !e.IsNull() && e.Type() == cty.Bool && e.True()
				if all && !b {
					return cty.False, nil
				}
				if !all && b {
					return cty.True, nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

func prefixArg(v cty.Value) (netip.Prefix, error) {
	return netip.ParsePrefix(v.AsString())
}

func intArg(v cty.Value) (int64, error) {
	bf := v.AsBigFloat()
	i, acc := bf.Int64()
	if !bf.IsInt() || acc != big.Exact {
		return 0, fmt.Errorf("not a whole number")
	}
	return i, nil
}

// addToAddr returns a + n within the address family (n may be negative).
func addToAddr(a netip.Addr, n *big.Int) (netip.Addr, error) {
	b := new(big.Int).SetBytes(a.AsSlice())
	b.Add(b, n)
	size := len(a.AsSlice())
	if b.Sign() < 0 || b.BitLen() > size*8 {
		return netip.Addr{}, fmt.Errorf("address out of range")
	}
	buf := make([]byte, size)
	b.FillBytes(buf)
	out, _ := netip.AddrFromSlice(buf)
	return out, nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		nb, err1 := intArg(args[1])
		num, err2 := intArg(args[2])
		if err1 != nil || err2 != nil || nb < 0 || num < 0 {
			return cty.NilVal, fmt.Errorf("invalid newbits or netnum")
		}
		bits := p.Bits() + int(nb)
		if bits > p.Addr().BitLen() || nb > 62 || num >= int64(1)<<nb {
			return cty.NilVal, fmt.Errorf("not enough address space")
		}
		off := new(big.Int).Lsh(big.NewInt(num), uint(p.Addr().BitLen()-bits))
		a, err := addToAddr(p.Masked().Addr(), off)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(netip.PrefixFrom(a, bits).String()), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		n, err := intArg(args[1])
		if err != nil {
			return cty.NilVal, err
		}
		hostBits := p.Addr().BitLen() - p.Bits()
		size := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
		bn := big.NewInt(n)
		if n < 0 {
			bn.Add(bn, size)
		}
		if bn.Sign() < 0 || bn.Cmp(size) >= 0 {
			return cty.NilVal, fmt.Errorf("host number out of range")
		}
		a, err := addToAddr(p.Masked().Addr(), bn)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(a.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := prefixArg(args[0])
		if err != nil {
			return cty.NilVal, err
		}
		if !p.Addr().Is4() {
			return cty.NilVal, fmt.Errorf("only IPv4 has netmasks")
		}
		m := uint32(0xffffffff) << (32 - p.Bits())
		if p.Bits() == 0 {
			m = 0
		}
		return cty.StringVal(fmt.Sprintf("%d.%d.%d.%d", m>>24, m>>16&0xff, m>>8&0xff, m&0xff)), nil
	},
})

// fsPath resolves a file() argument: relative to the root module, never
// outside the scanned file system.
func (ev *evaluator) fsPath(name string) (string, error) {
	if strings.HasPrefix(name, "/") || strings.HasPrefix(name, "~") || strings.Contains(name, "\\") || strings.Contains(name, ":") {
		return "", fmt.Errorf("file %q is outside the scanned tree: refused", name)
	}
	p := path.Clean(path.Join(ev.root, name))
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("file %q is outside the scanned tree: refused", name)
	}
	return p, nil
}

func (ev *evaluator) fileFunc(b64 bool) funcT {
	return strFunc(func(name string) (string, error) {
		p, err := ev.fsPath(name)
		if err != nil {
			return "", err
		}
		data, err := ev.readFile(p)
		if err != nil {
			return "", err
		}
		if b64 {
			return base64.StdEncoding.EncodeToString(data), nil
		}
		if !utf8.Valid(data) {
			return "", fmt.Errorf("file %q is not UTF-8", name)
		}
		return string(data), nil
	})
}

func (ev *evaluator) fileExistsFunc() funcT {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, err := ev.fsPath(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			f, err := ev.fsys.Open(p)
			if err != nil {
				return cty.False, nil
			}
			f.Close()
			return cty.True, nil
		},
	})
}

func (ev *evaluator) templateFileFunc(funcs map[string]funcT) funcT {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, err := ev.fsPath(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			data, err := ev.readFile(p)
			if err != nil {
				return cty.NilVal, err
			}
			if nestingDepth(data) > limits.DefaultMaxDepth {
				return cty.NilVal, &limits.LimitError{What: "template nesting", Limit: limits.DefaultMaxDepth}
			}
			expr, diags := hclsyntax.ParseTemplate(data, p, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			vars := map[string]cty.Value{}
			if v := args[1]; !v.IsNull() && v.IsKnown() && (v.Type().IsObjectType() || v.Type().IsMapType()) {
				for it := v.ElementIterator(); it.Next(); {
					k, e := it.Element()
					vars[k.AsString()] = e
				}
			} else if !v.IsKnown() {
				return cty.UnknownVal(cty.String), nil
			}
			out, diags := safeValue(expr, &hcl.EvalContext{Variables: vars, Functions: funcs})
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			if !out.IsKnown() {
				return cty.UnknownVal(cty.String), nil
			}
			s, err := stdlibToString(out)
			if err != nil {
				return cty.NilVal, err
			}
			return s, nil
		},
	})
}

func stdlibToString(v cty.Value) (cty.Value, error) {
	return stdlib.MakeToFunc(cty.String).Call([]cty.Value{v})
}

// coalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.DynamicVal, nil
			}
			if a.IsNull() || (a.Type() == cty.String && a.AsString() == "") {
				continue
			}
			return a, nil
		}
		return cty.NilVal, fmt.Errorf("no non-null, non-empty argument")
	},
})

// lookupFunc is Terraform's lookup: the default may be null.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "map", Type: cty.DynamicPseudoType, AllowUnknown: true},
		{Name: "key", Type: cty.String},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) > 3 {
			return cty.NilVal, fmt.Errorf("lookup takes two or three arguments")
		}
		m, key := args[0], args[1].AsString()
		ty := m.Type()
		if !(ty.IsMapType() || ty.IsObjectType()) {
			return cty.NilVal, fmt.Errorf("lookup needs a map or object")
		}
		if !m.IsKnown() {
			return cty.DynamicVal, nil
		}
		if !m.IsNull() {
			if ty.IsObjectType() && ty.HasAttribute(key) {
				return m.GetAttr(key), nil
			}
			if ty.IsMapType() {
				if hk := m.HasIndex(cty.StringVal(key)); hk.IsKnown() && hk.True() {
					return m.Index(cty.StringVal(key)), nil
				}
			}
		}
		if len(args) == 3 {
			return args[2], nil
		}
		return cty.NilVal, fmt.Errorf("key %q not found", key)
	},
})

// lengthFunc is Terraform's length: of a string (in characters), or of any
// collection or structural value — objects included, unlike cty's stdlib.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, _ := args[0].Unmark()
		ty := v.Type()
		switch {
		case ty == cty.DynamicPseudoType || !v.IsKnown():
			return cty.UnknownVal(cty.Number), nil
		case v.IsNull():
			return cty.NilVal, fmt.Errorf("argument must not be null")
		case ty == cty.String:
			return stdlib.Strlen(v)
		case ty.IsObjectType():
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
		case ty.IsListType(), ty.IsSetType(), ty.IsMapType(), ty.IsTupleType():
			return v.Length(), nil
		}
		return cty.NilVal, fmt.Errorf("argument must be a string, a collection or a structural value")
	},
})

// partialJSON marks the unknown result of jsonencode on a value that is
// only partly known (a policy naming another resource's ARN): the value as
// far as it is known travels with the unknown string, so adapters can still
// read the known parts (state.PartialJSON). A pointer, as marks must be
// hashable.
type partialJSON struct{ value cty.Value }

// jsonEncodeFunc is jsonencode; on a partly unknown value it returns an
// unknown string marked with the value.
var jsonEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "val", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowNull: true}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if v.IsWhollyKnown() {
			return stdlib.JSONEncode(v)
		}
		if !v.IsKnown() || v.Type() == cty.DynamicPseudoType {
			return cty.UnknownVal(cty.String), nil
		}
		return cty.UnknownVal(cty.String).Mark(&partialJSON{value: v}), nil
	},
})
