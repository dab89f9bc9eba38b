package terraform

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

func TestEvaluatePlan(t *testing.T) {
	data, err := os.ReadFile("testdata/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := EvaluatePlan("plan.json", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []state.IaCResource{
		{
			Type: "aws_s3_bucket", Name: "b", Address: "aws_s3_bucket.b", Mode: "managed",
			Value: map[string]any{
				"bucket": "logs", "force_destroy": false, "tags": map[string]any{"env": "prod"},
				"versioning": []any{map[string]any{"enabled": true, "mfa_delete": false}},
				"count":      int64(3), "ratio": 1.5,
				"arn": state.Unknown{Reason: "aws_s3_bucket.b.arn"},
			},
			Source: state.SourceMap{"": {Path: "plan.json"}},
		},
		{
			Type: "aws_s3_bucket_public_access_block", Name: "p", Address: "module.m.aws_s3_bucket_public_access_block.p",
			Mode: "managed", Module: "module.m",
			Value: map[string]any{
				"block_public_acls": true,
				"bucket":            state.Unknown{Reason: "module.m.aws_s3_bucket_public_access_block.p.bucket"},
			},
			Source: state.SourceMap{"": {Path: "plan.json"}},
		},
	}
	if diff := cmp.Diff(want, res.Resources); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
}

func TestHostile(t *testing.T) {
	t.Run("deep_nesting_rejected", func(t *testing.T) {
		data := []byte("locals {\n a = " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n}\n")
		if nestingDepth(data) <= limits.DefaultMaxDepth {
			t.Fatal("fixture is not hostile")
		}
		_, err := ParseFile("main.tf", data)
		var le *limits.LimitError
		if !errors.As(err, &le) {
			t.Fatalf("err = %v, want *limits.LimitError", err)
		}
	})
	t.Run("bad_syntax_parse_error", func(t *testing.T) {
		_, err := ParseFile("main.tf", []byte("resource \"a\" {\n  x = \n"))
		var pe *limits.ParseError
		if !errors.As(err, &pe) || pe.Line == 0 {
			t.Fatalf("err = %v, want *limits.ParseError with a line", err)
		}
	})
	t.Run("huge_range_bounded", func(t *testing.T) {
		fsys := loadTxtar(t, "huge_count.txtar")
		fsys["main.tf"].Data = []byte("resource \"x\" \"y\" {\n  l = range(1000000000)\n}\n")
		res, err := Evaluate(t.Context(), fsys, ".", Config{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := res.Resources[0].Value["l"].(state.Unknown); !ok {
			t.Errorf("l = %v, want unknown", res.Resources[0].Value["l"])
		}
	})
	t.Run("plan_not_json", func(t *testing.T) {
		_, err := EvaluatePlan("p.json", []byte("{"))
		var pe *limits.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %v, want *limits.ParseError", err)
		}
	})
}
