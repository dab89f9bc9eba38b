package cloudformation

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

// header is shared by the intrinsic-function cases: the property V of
// resource R holds the expression under test.
const header = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
  Count: {Type: Number, Default: 3}
  NoDefault: {Type: String}
  Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
Mappings:
  M:
    prod: {Size: large, List: [1, 2]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
  Unknowable: !Equals [!Ref NoDefault, x]
Resources:
  Other:
    Type: AWS::S3::Bucket
  R:
    Type: AWS::S3::Bucket
    Properties:
      V: `

func mustParse(t *testing.T, path, src string, cfg Config) *Result {
	t.Helper()
	res, err := Parse(path, []byte(src), cfg)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return res
}

func resource(t *testing.T, res *Result, id string) state.IaCResource {
	t.Helper()
	for _, r := range res.Resources {
		if r.Name == id {
			return r
		}
	}
	t.Fatalf("resource %q not found in %v", id, res.Resources)
	return state.IaCResource{}
}

func TestIntrinsics(t *testing.T) {
	absent := "<absent>"
	tests := []struct {
		name string
		expr string
		want any
		refs []string
	}{
		{"ref_param_short", "!Ref Env", "prod", nil},
		{"ref_param_long", "{Ref: Env}", "prod", nil},
		{"ref_number_param", "!Ref Count", int64(3), nil},
		{"ref_list_param", "!Ref Zones", []any{"a", "b", "c"}, nil},
		{"ref_no_default", "!Ref NoDefault", state.Unknown{Reason: "Parameter NoDefault"}, nil},
		{"ref_resource", "!Ref Other", state.Unknown{Reason: "Ref Other"}, []string{"Other"}},
		{"ref_pseudo_region", "!Ref AWS::Region", "us-east-1", nil},
		{"ref_pseudo_account", "{Ref: AWS::AccountId}", "123456789012", nil},
		{"ref_pseudo_partition", "!Ref AWS::Partition", "aws", nil},
		{"ref_pseudo_stack", "!Ref AWS::StackName", "stack", nil},
		{"ref_pseudo_suffix", "!Ref AWS::URLSuffix", "amazonaws.com", nil},
		{"ref_pseudo_notification", "!Ref AWS::NotificationARNs", state.Unknown{Reason: "Ref AWS::NotificationARNs"}, nil},
		{"ref_novalue", "!Ref AWS::NoValue", absent, nil},
		{"getatt_short", "!GetAtt Other.Arn", state.Unknown{Reason: "Fn::GetAtt Other.Arn"}, []string{"Other"}},
		{"getatt_short_list", "!GetAtt [Other, Arn]", state.Unknown{Reason: "Fn::GetAtt Other.Arn"}, []string{"Other"}},
		{"getatt_long", "{Fn::GetAtt: [Other, Arn]}", state.Unknown{Reason: "Fn::GetAtt Other.Arn"}, []string{"Other"}},
		{"sub_short", `!Sub "${Env}-${AWS::Region}-${!Literal}"`, "prod-us-east-1-${Literal}", nil},
		{"sub_long", `{Fn::Sub: "${Env}-x"}`, "prod-x", nil},
		{"sub_list_form", `!Sub ["${A}-${Env}", {A: !Ref Count}]`, "3-prod", nil},
		{"sub_resource_unknown", `!Sub "arn:${Other.Arn}/${Other}"`, state.Unknown{Reason: "Fn::Sub (Fn::GetAtt Other.Arn)"}, []string{"Other"}},
		{"sub_no_vars", `!Sub plain`, "plain", nil},
		{"join_short", `!Join [",", [a, !Ref Env]]`, "a,prod", nil},
		{"join_long", `{Fn::Join: ["", [a, b]]}`, "ab", nil},
		{"join_unknown", `!Join ["", [a, !Ref Other]]`, state.Unknown{Reason: "Fn::Join (Ref Other)"}, []string{"Other"}},
		{"select_short", `!Select [1, [x, y]]`, "y", nil},
		{"select_long", `{Fn::Select: ["0", !Ref Zones]}`, "a", nil},
		{"select_getazs", `!Select [0, !GetAZs ""]`, state.Unknown{Reason: "Fn::Select (Fn::GetAZs)"}, nil},
		{"split_short", `!Split [",", "a,b"]`, []any{"a", "b"}, nil},
		{"split_long", `{Fn::Split: ["-", !Ref Env]}`, []any{"prod"}, nil},
		{"findinmap_short", `!FindInMap [M, !Ref Env, Size]`, "large", nil},
		{"findinmap_long", `{Fn::FindInMap: [M, prod, List]}`, []any{int64(1), int64(2)}, nil},
		{"findinmap_default", `!FindInMap [M, dev, Size, {DefaultValue: small}]`, "small", nil},
		{"base64_short", `!Base64 hello`, "aGVsbG8=", nil},
		{"base64_long", `{Fn::Base64: !Sub "${Env}"}`, "cHJvZA==", nil},
		{"importvalue_short", `!ImportValue SharedVpc`, state.Unknown{Reason: "Fn::ImportValue SharedVpc"}, nil},
		{"importvalue_long", `{Fn::ImportValue: !Sub "${Env}-vpc"}`, state.Unknown{Reason: "Fn::ImportValue prod-vpc"}, nil},
		{"getazs_short", `!GetAZs ""`, state.Unknown{Reason: "Fn::GetAZs"}, nil},
		{"cidr_short", `!Cidr ["10.0.0.0/16", 6, 5]`, state.Unknown{Reason: "Fn::Cidr"}, nil},
		{"cidr_long", `{Fn::Cidr: ["10.0.0.0/16", 6, 5]}`, state.Unknown{Reason: "Fn::Cidr"}, nil},
		{"transform_short", `!Transform {Name: AWS::Include, Parameters: {Location: s3://x}}`, state.Unknown{Reason: "Fn::Transform AWS::Include"}, nil},
		{"if_true_short", `!If [IsProd, yes-branch, no-branch]`, "yes-branch", nil},
		{"if_false_long", `{Fn::If: [IsDev, yes-branch, no-branch]}`, "no-branch", nil},
		{"if_unknown", `!If [Unknowable, !Ref Other, b]`, state.Unknown{Reason: "Fn::If Unknowable"}, []string{"Other"}},
		{"if_novalue", `!If [IsDev, x, !Ref AWS::NoValue]`, absent, nil},
		{"if_branch_refs_only_chosen", `!If [IsProd, a, !Ref Other]`, "a", nil},
		{"equals_short", `!Equals [!Ref Count, "3"]`, true, nil},
		{"equals_long", `{Fn::Equals: [a, b]}`, false, nil},
		{"and_short", `!And [!Condition IsProd, !Equals [a, a]]`, true, nil},
		{"or_long", `{Fn::Or: [{Condition: IsDev}, {Fn::Equals: [a, b]}]}`, false, nil},
		{"not_short", `!Not [!Condition IsDev]`, true, nil},
		{"and_unknown", `!And [!Condition IsProd, !Condition Unknowable]`, state.Unknown{Reason: "Fn::And (Fn::Equals (Parameter NoDefault))"}, nil},
		{"or_short_circuit", `!Or [!Condition IsProd, !Condition Unknowable]`, true, nil},
		{"nested_list_novalue", `[a, !Ref AWS::NoValue, b]`, []any{"a", "b"}, nil},
		{"unsupported_fn", `{Fn::Nope: x}`, state.Unknown{Reason: "Fn::Nope"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustParse(t, "t.yaml", header+tc.expr+"\n", Config{})
			r := resource(t, res, "R")
			got, ok := r.Value["V"]
			if !ok {
				got = absent
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("V (-want +got):\n%s\nerrors: %v", diff, res.Errors)
			}
			if diff := cmp.Diff(tc.refs, r.References, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("References (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnsupportedFunctionIsNoted(t *testing.T) {
	res := mustParse(t, "t.yaml", header+"{Fn::Nope: x}\n", Config{})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "Fn::Nope") || res.Errors[0].Line != 20 {
		t.Errorf("Errors = %v, want one about Fn::Nope at line 20", res.Errors)
	}
}

func TestYAMLJSONEquivalence(t *testing.T) {
	var results []*Result
	for _, p := range []string{"testdata/equiv.yaml", "testdata/equiv.json"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !IsTemplate(p, data) {
			t.Fatalf("IsTemplate(%s) = false", p)
		}
		res := mustParse(t, p, string(data), Config{})
		if len(res.Errors) != 0 {
			t.Errorf("%s: errors %v", p, res.Errors)
		}
		results = append(results, res)
	}
	y, j := results[0], results[1]
	// Lines and paths differ between the files; values must not.
	if diff := cmp.Diff(y.Resources, j.Resources, cmpopts.IgnoreFields(state.IaCResource{}, "Source")); diff != "" {
		t.Errorf("YAML vs JSON (-yaml +json):\n%s", diff)
	}
	// The facts that matter, stated explicitly.
	var ids []string
	for _, r := range y.Resources {
		ids = append(ids, r.Name)
	}
	if diff := cmp.Diff([]string{"Logs", "Data"}, ids); diff != "" {
		t.Errorf("resources (document order, Dev omitted) (-want +got):\n%s", diff)
	}
	data := resource(t, y, "Data")
	want := map[string]any{
		"BucketName": "prod-data-us-east-1",
		"LoggingConfiguration": map[string]any{
			"DestinationBucketName": state.Unknown{Reason: "Ref Logs"},
			"LogFilePrefix":         "prod/logs",
		},
		"Tags": []any{
			map[string]any{"Key": "Ami", "Value": "ami-123"},
			map[string]any{"Key": "Second", "Value": "b"},
			map[string]any{"Key": "Dropped"},
		},
		"Arn": state.Unknown{Reason: "Fn::GetAtt Logs.Arn"},
	}
	if diff := cmp.Diff(want, data.Value); diff != "" {
		t.Errorf("Data.Value (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Logs"}, data.References); diff != "" {
		t.Errorf("References (-want +got):\n%s", diff)
	}
	if data.Type != "AWS::S3::Bucket" || data.Address != "Data" || data.Mode != "managed" {
		t.Errorf("identity = %q %q %q", data.Type, data.Address, data.Mode)
	}
}

func TestSourceLines(t *testing.T) {
	for _, tc := range []struct {
		path string
		key  []any
		want state.Range
	}{
		{"testdata/equiv.yaml", nil, state.Range{Path: "testdata/equiv.yaml", Start: 19, End: 34}},
		{"testdata/equiv.yaml", []any{"BucketName"}, state.Range{Path: "testdata/equiv.yaml", Start: 23, End: 23}},
		{"testdata/equiv.yaml", []any{"LoggingConfiguration", "LogFilePrefix"}, state.Range{Path: "testdata/equiv.yaml", Start: 26, End: 26}},
		{"testdata/equiv.yaml", []any{"Tags", 1, "Value"}, state.Range{Path: "testdata/equiv.yaml", Start: 31, End: 31}},
		{"testdata/equiv.json", []any{"Tags", 1, "Value"}, state.Range{Path: "testdata/equiv.json", Start: 25, End: 25}},
		{"testdata/equiv.json", []any{"LoggingConfiguration", "LogFilePrefix"}, state.Range{Path: "testdata/equiv.json", Start: 21, End: 21}},
	} {
		t.Run(strings.ReplaceAll(tc.path+"_"+state.Key(tc.key), "\x00", "."), func(t *testing.T) {
			data, err := os.ReadFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			r := resource(t, mustParse(t, tc.path, string(data), Config{}), "Data")
			got, ok := r.Source[state.Key(tc.key)]
			if !ok {
				t.Fatalf("no source for %q in %v", tc.key, r.Source)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("range (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIfBranchSourceLine(t *testing.T) {
	src := header + "\n        Fn::If:\n          - IsProd\n          - Nested: chosen\n          - Nested: other\n"
	r := resource(t, mustParse(t, "t.yaml", src, Config{}), "R")
	if diff := cmp.Diff(map[string]any{"Nested": "chosen"}, r.Value["V"]); diff != "" {
		t.Errorf("V (-want +got):\n%s", diff)
	}
	if got := r.Source[state.Key([]any{"V", "Nested"})]; got.Start != 23 {
		t.Errorf("V.Nested line = %d, want 23", got.Start)
	}
}

func TestParameters(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want map[string]any
	}{
		{"defaults", Config{}, map[string]any{"A": "prod", "B": state.Unknown{Reason: "Parameter NoDefault"}, "C": "a"}},
		{"overrides", Config{Parameters: map[string]string{"Env": "dev", "NoDefault": "given", "Zones": "x, y"}},
			map[string]any{"A": "dev", "B": "given", "C": "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := header + "x\n      A: !Ref Env\n      B: !Ref NoDefault\n      C: !Select [0, !Ref Zones]\n"
			r := resource(t, mustParse(t, "t.yaml", src, tc.cfg), "R")
			delete(r.Value, "V")
			if diff := cmp.Diff(tc.want, r.Value); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestConditionsOnResources(t *testing.T) {
	src := header + `x
  ProdOnly:
    Type: AWS::S3::Bucket
    Condition: IsProd
  DevOnly:
    Type: AWS::S3::Bucket
    Condition: IsDev
  Maybe:
    Type: AWS::S3::Bucket
    Condition: Unknowable
`
	for _, tc := range []struct {
		name string
		cfg  Config
		want []string
	}{
		{"prod", Config{}, []string{"Other", "R", "ProdOnly", "Maybe"}},
		{"dev", Config{Parameters: map[string]string{"Env": "dev"}}, []string{"Other", "R", "DevOnly", "Maybe"}},
		{"known", Config{Parameters: map[string]string{"NoDefault": "y"}}, []string{"Other", "R", "ProdOnly"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustParse(t, "t.yaml", src, tc.cfg)
			var got []string
			for _, r := range res.Resources {
				got = append(got, r.Name)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSAMGlobals(t *testing.T) {
	data, err := os.ReadFile("testdata/sam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := mustParse(t, "testdata/sam.yaml", string(data), Config{})
	if diff := cmp.Diff([]string{"AWS::Serverless-2016-10-31"}, res.Transforms); diff != "" {
		t.Errorf("Transforms (-want +got):\n%s", diff)
	}
	fn := resource(t, res, "Fn")
	want := map[string]any{
		"Handler": "app.handler",
		"Runtime": "python3.12",
		"Timeout": int64(30),
		"Environment": map[string]any{"Variables": map[string]any{
			"STAGE": "prod",
			"TABLE": state.Unknown{Reason: "Ref Table"},
		}},
		"Layers": []any{
			"arn:aws:lambda:us-east-1:123456789012:layer:common:1",
			"arn:aws:lambda:us-east-1:123456789012:layer:own:1",
		},
	}
	if fn.Type != "AWS::Serverless::Function" {
		t.Errorf("Type = %q", fn.Type)
	}
	if diff := cmp.Diff(want, fn.Value); diff != "" {
		t.Errorf("Value (-want +got):\n%s", diff)
	}
	for _, c := range []struct {
		key  []any
		line int
	}{
		{[]any{"Runtime"}, 4},
		{[]any{"Timeout"}, 16},
		{[]any{"Environment", "Variables", "STAGE"}, 8},
		{[]any{"Environment", "Variables", "TABLE"}, 19},
		{[]any{"Layers", 0}, 10},
		{[]any{"Layers", 1}, 21},
	} {
		if got := fn.Source[state.Key(c.key)].Start; got != c.line {
			t.Errorf("line of %v = %d, want %d", c.key, got, c.line)
		}
	}
	if diff := cmp.Diff([]string{"Table"}, fn.References); diff != "" {
		t.Errorf("References (-want +got):\n%s", diff)
	}
}

func TestInvalidTemplates(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		ids     []string
		errSubs []string
	}{
		{"resources_not_map", "Resources: [a, b]\n", nil, []string{"Resources is not a mapping"}},
		{"no_resources", "AWSTemplateFormatVersion: x\n", nil, []string{"no Resources"}},
		{"missing_type", "Resources:\n  A:\n    Properties: {}\n  B:\n    Type: AWS::SNS::Topic\n", []string{"B"}, []string{`"A" has no Type`}},
		{"resource_not_map", "Resources:\n  A: 5\n  B:\n    Type: AWS::SNS::Topic\n", []string{"B"}, []string{`"A" is not a mapping`}},
		{"condition_cycle", "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Condition: A\n",
			[]string{"R"}, []string{"refers to itself"}},
		{"undefined_refs", "Resources:\n  R:\n    Type: AWS::SNS::Topic\n    DependsOn: [Nope]\n    Properties:\n      A: !Ref Missing\n      B: !Sub ${Missing2}\n      C: !If [NoCond, a, b]\n",
			[]string{"R"}, []string{`undefined resource "Nope"`, `undefined "Missing"`, `"Missing2" is undefined`, `undefined condition "NoCond"`}},
		{"bad_args", "Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: !Select [9, [a]]\n      B: !Join x\n      C: !FindInMap [M]\n      D: !Split [\"\", x]\n      E: !If [x]\n      F: !Equals [a]\n      G: !Not [a, b]\n      H: !GetAtt Nope\n      I: !Sub [1, 2, 3]\n",
			[]string{"R"}, []string{"out of range", "Fn::Join needs", "Fn::FindInMap needs", "Fn::Split needs", "Fn::If needs", "Fn::Equals needs", "Fn::Not needs", "Fn::GetAtt needs", "Fn::Sub needs"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustParse(t, "t.yaml", tc.src, Config{})
			var ids []string
			for _, r := range res.Resources {
				ids = append(ids, r.Name)
			}
			if diff := cmp.Diff(tc.ids, ids); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
			var msgs []string
			for _, e := range res.Errors {
				msgs = append(msgs, e.Message)
				if e.Plugin != PluginID || e.Path != "t.yaml" {
					t.Errorf("error %+v lacks plugin or path", e)
				}
			}
			all := strings.Join(msgs, "\n")
			for _, s := range tc.errSubs {
				if !strings.Contains(all, s) {
					t.Errorf("errors %q lack %q", msgs, s)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		pe   bool
	}{
		{"not_mapping", []byte("- a\n- b\n"), true},
		{"syntax", []byte("Resources: [\n"), true},
		{"binary", []byte("\x00\x01"), true},
		{"empty", []byte(""), true},
		{"too_big", make([]byte, limits.DefaultMaxFileSize+1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.yaml", tc.data, Config{})
			var pe *limits.ParseError
			var le *limits.LimitError
			if tc.pe && !errors.As(err, &pe) || !tc.pe && !errors.As(err, &le) {
				t.Errorf("err = %T %v", err, err)
			}
		})
	}
}

func TestIsTemplate(t *testing.T) {
	tests := []struct {
		name, path, data string
		want             bool
	}{
		{"version", "a.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n", true},
		{"resources", "a.yml", "Resources:\n  X:\n    Type: AWS::S3::Bucket\n", true},
		{"custom", "a.template", "Resources:\n  X:\n    Type: Custom::Thing\n", true},
		{"json", "a.json", `{"Resources": {"X": {"Type": "AWS::SNS::Topic"}}}`, true},
		{"kubernetes", "a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: AWS::x}\n", false},
		{"other_type", "a.yaml", "Resources:\n  X:\n    Type: Something\n# AWS::\n", false},
		{"wrong_ext", "main.tf", "AWSTemplateFormatVersion: x\n", false},
		{"invalid_yaml", "a.yaml", "Resources: [AWS::\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsTemplate(tc.path, []byte(tc.data)); got != tc.want {
				t.Errorf("IsTemplate = %v, want %v", got, tc.want)
			}
		})
	}
}
