package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

type planModule struct {
	Address   string `json:"address"`
	Resources []struct {
		Address string         `json:"address"`
		Mode    string         `json:"mode"`
		Type    string         `json:"type"`
		Name    string         `json:"name"`
		Values  map[string]any `json:"values"`
	} `json:"resources"`
	ChildModules []planModule `json:"child_modules"`
}

type planFile struct {
	PlannedValues struct {
		RootModule planModule `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			AfterUnknown any `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
}

// EvaluatePlan reads `terraform show -json` output: the planned values of
// every resource, with values unknown until apply (after_unknown) as
// state.Unknown. Plans carry no line numbers: ranges name only path.
func EvaluatePlan(path string, data []byte) (*Result, error) {
	if len(data) > limits.DefaultMaxFileSize {
		return nil, &limits.LimitError{What: "plan " + path, Limit: limits.DefaultMaxFileSize}
	}
	if nestingDepth(data) > limits.DefaultMaxDepth {
		return nil, &limits.LimitError{What: "nesting depth of " + path, Limit: limits.DefaultMaxDepth}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var p planFile
	if err := dec.Decode(&p); err != nil {
		return nil, &limits.ParseError{Path: path, Msg: fmt.Sprintf("parse plan: %v", err)}
	}
	unknown := map[string]any{}
	for _, rc := range p.ResourceChanges {
		unknown[rc.Address] = rc.Change.AfterUnknown
	}
	res := &Result{}
	var walk func(m planModule, depth int)
	walk = func(m planModule, depth int) {
		if depth > limits.DefaultMaxDepth {
			return
		}
		for _, r := range m.Resources {
			v, _ := planValue(r.Values, unknown[r.Address], r.Address).(map[string]any)
			if v == nil {
				v = map[string]any{}
			}
			mode := r.Mode
			if mode == "" {
				mode = "managed"
			}
			res.Resources = append(res.Resources, state.IaCResource{
				Type: r.Type, Name: r.Name, Address: r.Address, Mode: mode, Module: m.Address,
				Value: v, Source: state.SourceMap{"": {Path: path}},
			})
		}
		for _, c := range m.ChildModules {
			walk(c, depth+1)
		}
	}
	walk(p.PlannedValues.RootModule, 0)
	return res, nil
}

// planValue merges planned values with the after_unknown mask and turns
// json.Number into int64 / float64.
func planValue(v, unk any, reason string) any {
	if b, ok := unk.(bool); ok && b {
		return state.Unknown{Reason: reason}
	}
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil && !strings.ContainsAny(string(x), ".eE") {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		um, _ := unk.(map[string]any)
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = planValue(e, um[k], reason+"."+k)
		}
		for k, u := range um {
			if _, ok := x[k]; !ok {
				if b, ok := u.(bool); ok && b {
					out[k] = state.Unknown{Reason: reason + "." + k}
				}
			}
		}
		return out
	case []any:
		ul, _ := unk.([]any)
		out := make([]any, len(x))
		for i, e := range x {
			var u any
			if i < len(ul) {
				u = ul[i]
			}
			out[i] = planValue(e, u, fmt.Sprintf("%s[%d]", reason, i))
		}
		return out
	case nil:
		if um, ok := unk.(map[string]any); ok && len(um) > 0 {
			return planValue(map[string]any{}, um, reason)
		}
	}
	return v
}
