package terraform

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/wardsec/ward/internal/state"
)

func loadTxtar(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func evaluate(t *testing.T, name string, cfg Config) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := Evaluate(ctx, loadTxtar(t, name), ".", cfg)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return res
}

func byAddress(res *Result) map[string]state.IaCResource {
	m := map[string]state.IaCResource{}
	for _, r := range res.Resources {
		m[r.Address] = r
	}
	return m
}

func TestEvaluate(t *testing.T) {
	unknown := func(reason string) state.Unknown { return state.Unknown{Reason: reason} }
	tests := []struct {
		name    string
		file    string
		cfg     Config
		want    map[string]map[string]any // address -> subset of Value
		absent  []string
		refs    map[string][]string
		notEval []string
		errs    []string // substrings, each must appear in some error
	}{
		{
			name: "variables_precedence",
			file: "variables.txtar",
			cfg:  Config{Vars: map[string]string{"e": "cli", "n": "4"}},
			want: map[string]map[string]any{"x_thing.v": {
				"a": "default", "b": "tfvars", "c": "auto-a", "d": "auto-b", "e": "cli",
				"n": int64(4), "port": int64(443), "ws": "default", "mod": ".",
			}},
		},
		{
			name: "locals_chain_and_cycle",
			file: "locals.txtar",
			want: map[string]map[string]any{"x_thing.l": {
				"chain": "a-b-c",
				"list":  []any{"item-0", "item-1", "item-2"},
				"m":     map[string]any{"x": "X", "y": "Y"},
				"cyc":   unknown("local.loop1"),
			}},
			errs: []string{"reference cycle: local.loop1, local.loop2"},
		},
		{
			name: "count_and_for_each",
			file: "count.txtar",
			want: map[string]map[string]any{
				"x_c.c[0]":       {"name": "c-0"},
				"x_c.c[1]":       {"name": "c-1"},
				`x_set.s["a"]`:   {"name": "a"},
				`x_set.s["b"]`:   {"name": "b"},
				`x_map.m["one"]`: {"name": "one", "value": int64(1)},
				`x_map.m["two"]`: {"name": "two", "value": int64(2)},
				"x_ref.r":        {"first": "c-1", "all": []any{"c-0", "c-1"}, "m": int64(2)},
				"x_unknown.u":    {"name": "u", "count": unknown("data.x_list.l.items")},
			},
			absent: []string{"x_c.zero", "x_c.zero[0]", "x_c.c[2]"},
			refs:   map[string][]string{"x_ref.r": {"x_c.c", "x_map.m"}, "x_unknown.u": {}},
		},
		{
			name: "dynamic_blocks",
			file: "dynamic.txtar",
			want: map[string]map[string]any{
				"aws_security_group.sg": {
					"name": "sg",
					"ingress": []any{
						map[string]any{"from_port": int64(22), "cidr_blocks": []any{"10.0.0.0/8"}},
						map[string]any{"from_port": int64(443), "cidr_blocks": []any{"0.0.0.0/0"}},
					},
					"egress":    []any{map[string]any{"from_port": int64(0)}},
					"lifecycle": nil,
				},
				"aws_s3_bucket.b": {"versioning": unknown("data.x.y.list")},
			},
		},
		{
			name: "functions_and_conditionals",
			file: "functions.txtar",
			want: map[string]map[string]any{"x_f.f": {
				"cond": "yes", "upper": "ABC", "fmt": "x-007", "joined": "a,b,c", "lookup": "2",
				"json": `{"k":"v"}`, "decoded": map[string]any{"n": 1.5}, "coalesce": "second", "try": "fallback",
				"cidr": "10.0.2.0/24", "host": "10.0.0.5", "mask": "255.255.0.0", "b64": "aGk=",
				"sha":  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
				"md5":  "d41d8cd98f00b204e9800998ecf8427e",
				"file": `{"Version": "2012-10-17"}`, "tmpl": "hello ward\n",
				"flat": []any{int64(1), int64(2), int64(3)}, "zip": map[string]any{"a": int64(1), "b": int64(2)},
				"mx": int64(5), "unknownf": unknown("expression at main.tf:26"),
				"outside": unknown("expression at main.tf:27"), "splat": []any{int64(1), int64(2)},
				"replaced": "a_b_c",
			}},
			errs: []string{"outside the scanned tree"},
		},
		{
			name: "resource_references",
			file: "references.txtar",
			want: map[string]map[string]any{
				"aws_s3_bucket_public_access_block.logs": {
					"bucket":            unknown("aws_s3_bucket.logs.id"),
					"bucket_name":       "my-logs",
					"block_public_acls": true,
					"policy":            unknown("data.aws_iam_policy_document.p.json"),
					"mixed":             []any{unknown("aws_s3_bucket.logs.arn"), "x"},
				},
				"data.aws_iam_policy_document.p": {"statement": []any{map[string]any{"actions": []any{"s3:*"}}}},
			},
			refs: map[string][]string{"aws_s3_bucket_public_access_block.logs": {"aws_s3_bucket.logs", "data.aws_iam_policy_document.p"}},
		},
		{
			name: "partial_json",
			file: "partial_json.txtar",
			want: map[string]map[string]any{"aws_iam_policy.p": {
				"policy": state.PartialJSON{Reason: "local.doc", Value: map[string]any{"Action": "s3:*", "Resource": unknown("local.doc")}},
				"known":  `{"a":1}`,
				"length": unknown("local.doc"),
			}},
		},
		{
			name: "nullable_and_length",
			file: "nullable.txtar",
			want: map[string]map[string]any{"module.m.x_thing.t": {
				"kind": "standard", "other": nil, "n_rules": int64(2), "n_str": int64(5),
			}},
		},
		{
			name: "modules",
			file: "modules.txtar",
			want: map[string]map[string]any{
				"module.bucket.aws_s3_bucket.this":    {"bucket": "from-root"},
				`module.many["x"].aws_s3_bucket.this`: {"bucket": "many-x"},
				`module.many["y"].aws_s3_bucket.this`: {"bucket": "many-y"},
				"module.fetched.x_fetched.f":          {"v": "1"},
				"x_use.u": {
					"bucket_name": "from-root",
					"vpc_id":      unknown("module.vpc.vpc_id"),
					"fetched":     "fetched-value",
				},
			},
			notEval: []string{"module.vpc (source terraform-aws-modules/vpc/aws)"},
		},
		{
			name:   "module_cycle",
			file:   "module_cycle.txtar",
			want:   map[string]map[string]any{"module.self.x_a.a": {}},
			absent: []string{"module.self.module.again.x_a.a"},
			errs:   []string{"module cycle: module.self.module.again"},
		},
		{
			name:   "huge_count",
			file:   "huge_count.txtar",
			want:   map[string]map[string]any{"x_ok.o": {"name": "ok"}},
			absent: []string{"x_huge.h[0]"},
			errs:   []string{"count of x_huge.h exceeds limit of 10000"},
		},
		{
			name: "bad_file_others_evaluated",
			file: "bad_file.txtar",
			want: map[string]map[string]any{"x_ok.o": {"name": "ok"}},
			errs: []string{"Invalid expression"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := evaluate(t, tt.file, tt.cfg)
			got := byAddress(res)
			for addr, want := range tt.want {
				r, ok := got[addr]
				if !ok {
					t.Errorf("resource %s missing; have %v", addr, sortedKeys(got))
					continue
				}
				sub := map[string]any{}
				for k := range want {
					sub[k] = r.Value[k]
				}
				if diff := cmp.Diff(want, sub); diff != "" {
					t.Errorf("%s value (-want +got):\n%s", addr, diff)
				}
			}
			for _, addr := range tt.absent {
				if _, ok := got[addr]; ok {
					t.Errorf("resource %s should not exist", addr)
				}
			}
			for addr, want := range tt.refs {
				gotRefs := got[addr].References
				if gotRefs == nil {
					gotRefs = []string{}
				}
				if diff := cmp.Diff(want, gotRefs); diff != "" {
					t.Errorf("%s references (-want +got):\n%s", addr, diff)
				}
			}
			if tt.notEval != nil {
				if diff := cmp.Diff(tt.notEval, res.NotEvaluated); diff != "" {
					t.Errorf("NotEvaluated (-want +got):\n%s", diff)
				}
			}
			for _, e := range tt.errs {
				found := false
				for _, ge := range res.Errors {
					if strings.Contains(ge.String(), e) {
						found = true
					}
				}
				if !found {
					t.Errorf("no error containing %q in %v", e, res.Errors)
				}
			}
			if tt.errs == nil && len(res.Errors) > 0 {
				t.Errorf("unexpected errors: %v", res.Errors)
			}
		})
	}
}

func TestEvaluateRanges(t *testing.T) {
	res := evaluate(t, "ranges.txtar", Config{})
	r := byAddress(res)["aws_s3_bucket.r"]
	want := state.SourceMap{
		"":                                {Path: "main.tf", Start: 2, End: 8},
		state.Key([]any{"bucket"}):        {Path: "main.tf", Start: 3, End: 3},
		state.Key([]any{"versioning", 0}): {Path: "main.tf", Start: 5, End: 7},
		state.Key([]any{"versioning", 0, "enabled"}): {Path: "main.tf", Start: 6, End: 6},
	}
	if diff := cmp.Diff(want, r.Source); diff != "" {
		t.Errorf("source map (-want +got):\n%s", diff)
	}
	if rng, _ := r.Source.Resolve([]any{"versioning", 0, "enabled", "x"}); rng.Start != 6 {
		t.Errorf("Resolve nested = %v, want line 6", rng)
	}
}

func TestEvaluateVarFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "extra.tfvars")
	if err := os.WriteFile(p, []byte("d = \"varfile\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res := evaluate(t, "variables.txtar", Config{VarFiles: []string{p}})
	if got := byAddress(res)["x_thing.v"].Value["d"]; got != "varfile" {
		t.Errorf("d = %v, want varfile", got)
	}
}

// TestCorpora evaluates real trees: no panic, resources found.
func TestCorpora(t *testing.T) {
	const corpora = "/work/shared/corpora"
	if _, err := os.Stat(corpora); err != nil {
		t.Skip("corpora not present")
	}
	tests := []struct {
		dir      string
		wantType string
		check    func(t *testing.T, res *Result)
	}{
		{dir: "terragoat/terraform/aws", wantType: "aws_s3_bucket", check: func(t *testing.T, res *Result) {
			// terragoat's bucket names embed data.aws_caller_identity (an
			// account ID), so they are unknown; their ACLs are literals.
			buckets, knownACL := 0, 0
			for _, r := range res.Resources {
				if r.Type == "aws_s3_bucket" {
					buckets++
					if _, ok := r.Value["acl"].(string); ok {
						knownACL++
					}
					if u, ok := r.Value["bucket"].(state.Unknown); ok && u.Reason == "" {
						t.Errorf("%s: unknown bucket without reason", r.Address)
					}
				}
			}
			if buckets < 5 || knownACL == 0 {
				t.Errorf("aws_s3_bucket: %d, with known acl: %d", buckets, knownACL)
			}
		}},
		{dir: "terragoat/terraform/gcp", wantType: "google_storage_bucket"},
		{dir: "terragoat/terraform/azure", wantType: "azurerm_storage_account"},
		{dir: "terraform-aws-vpc", wantType: "aws_vpc"},
		{dir: "terraform-aws-vpc/examples/simple", wantType: "aws_vpc", check: func(t *testing.T, res *Result) {
			if _, ok := byAddress(res)["module.vpc.aws_vpc.this[0]"]; !ok {
				t.Errorf("module.vpc.aws_vpc.this[0] missing")
			}
		}},
	}
	examples, _ := filepath.Glob(filepath.Join(corpora, "terraform-aws-vpc/examples/*"))
	for _, e := range examples {
		rel, _ := filepath.Rel(corpora, e)
		tests = append(tests, struct {
			dir      string
			wantType string
			check    func(t *testing.T, res *Result)
		}{dir: rel})
	}
	fsys := os.DirFS(corpora)
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.dir, "/", "_"), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			res, err := Evaluate(ctx, fsys, filepath.ToSlash(tt.dir), Config{})
			if err != nil {
				t.Fatal(err)
			}
			types := map[string]int{}
			for _, r := range res.Resources {
				types[r.Type]++
			}
			if len(res.Resources) == 0 {
				t.Fatal("no resources")
			}
			if tt.wantType != "" && types[tt.wantType] == 0 {
				t.Errorf("no %s among %v", tt.wantType, types)
			}
			if tt.check != nil {
				tt.check(t, res)
			}
			sort.Strings(res.NotEvaluated)
			t.Logf("%d resources, %d errors, not evaluated: %v", len(res.Resources), len(res.Errors), res.NotEvaluated)
			for i, e := range res.Errors {
				if i < 5 {
					t.Logf("error: %v", e)
				}
			}
		})
	}
}
