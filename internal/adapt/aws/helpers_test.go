package aws

import (
	"sort"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wardsec/ward/internal/state"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// mk builds an IaC resource whose SourceMap gives every value path its own
// line, in walk order, starting at line 1 for the whole resource.
func mk(file, typ, addr string, v map[string]any, refs ...string) state.IaCResource {
	src := state.SourceMap{}
	line := 1
	var walk func(p []any, v any)
	walk = func(p []any, v any) {
		start := line
		line++
		switch x := v.(type) {
		case map[string]any:
			ks := make([]string, 0, len(x))
			for k := range x {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			for _, k := range ks {
				walk(append(append([]any{}, p...), k), x[k])
			}
		case []any:
			for i, e := range x {
				walk(append(append([]any{}, p...), i), e)
			}
		}
		src[state.Key(p)] = state.Range{Path: file, Start: start, End: line - 1}
	}
	walk(nil, v)
	mode := "managed"
	if len(addr) > 5 && addr[:5] == "data." {
		mode = "data"
	}
	return state.IaCResource{Type: typ, Address: addr, Name: addr, Mode: mode, Value: v, Source: src, References: refs}
}

// sameModel compares typed models across sources: ranges and addresses
// differ by construction.
var sameModel = []cmp.Option{
	cmpopts.IgnoreTypes(state.Range{}),
	cmpopts.IgnoreFields(cloudaws.S3Bucket{}, "Address"),
	cmpopts.IgnoreFields(cloudaws.SecurityGroup{}, "Address"),
	cmpopts.IgnoreFields(cloudaws.IAMPolicy{}, "Address"),
	cmpopts.EquateEmpty(),
}

type L = []any
type M = map[string]any

func unk(reason string) state.Unknown { return state.Unknown{Reason: reason} }
