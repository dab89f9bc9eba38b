package report

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
)

// sarifSchema is the official OASIS SARIF 2.1.0 schema; see testdata/README.md.
const sarifSchema = "testdata/sarif-schema-2.1.0.json"

func TestSARIFGolden(t *testing.T) {
	// ShowSuppressed must not matter: SARIF always carries suppressed results.
	got := render(t, "sarif", sampleReport(), Options{})
	checkGolden(t, "sarif.golden.json", got)
	if diff := cmp.Diff(string(got), string(render(t, "sarif", sampleReport(), Options{ShowSuppressed: true}))); diff != "" {
		t.Errorf("ShowSuppressed changed SARIF (-without +with):\n%s", diff)
	}
	if err := validate(compileSchema(t, sarifSchema), got); err != nil {
		t.Fatalf("output does not match the SARIF 2.1.0 schema: %v", err)
	}

	var log sarifLog
	if err := json.Unmarshal(got, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	type res struct {
		Rule       string
		Index      int
		Level      string
		Suppressed string
	}
	var results []res
	for _, r := range run.Results {
		x := res{Rule: r.RuleID, Index: r.RuleIndex, Level: r.Level}
		if len(r.Suppressions) > 0 {
			x.Suppressed = r.Suppressions[0].Kind
		}
		results = append(results, x)
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", r.RuleID, r.RuleIndex)
		}
	}
	want := []res{
		{"WARD-DF-0002", 0, "warning", ""},
		{"WARD-K8S-0001", 1, "error", ""},
		{"WARD-K8S-0012", 2, "error", ""},
		{"WARD-K8S-0020", 3, "note", "inSource"},
	}
	if diff := cmp.Diff(want, results); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	inv := run.Invocations
	if len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 {
		t.Errorf("invocations = %+v, want one successful with one notification", inv)
	}
}

// TestSARIFSchemaRejects proves the schema check can fail: documents broken
// in ways SARIF consumers reject must not validate.
func TestSARIFSchemaRejects(t *testing.T) {
	schema := compileSchema(t, sarifSchema)
	valid := render(t, "sarif", sampleReport(), Options{})
	tests := []struct {
		name   string
		mutate func(m map[string]any)
	}{
		{"bad_level", func(m map[string]any) { result0(m)["level"] = "critical" }},
		{"bad_suppression_kind", func(m map[string]any) {
			result0(m)["suppressions"] = []any{map[string]any{"kind": "ignoreFile"}}
		}},
		{"wrong_version", func(m map[string]any) { m["version"] = "2.0.0" }},
		{"information_uri_not_absolute", func(m map[string]any) {
			run := m["runs"].([]any)[0].(map[string]any)
			run["tool"].(map[string]any)["driver"].(map[string]any)["informationUri"] = "not a uri"
		}},
		{"missing_message", func(m map[string]any) { delete(result0(m), "message") }},
		{"start_line_zero", func(m map[string]any) {
			loc := result0(m)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"] = map[string]any{"startLine": 0}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(valid, &m); err != nil {
				t.Fatal(err)
			}
			tt.mutate(m)
			doc, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(schema, doc); err == nil {
				t.Errorf("broken SARIF validated:\n%s", doc)
			}
		})
	}
}

func result0(m map[string]any) map[string]any {
	run := m["runs"].([]any)[0].(map[string]any)
	return run["results"].([]any)[0].(map[string]any)
}

func TestSARIFEdgeCases(t *testing.T) {
	schema := compileSchema(t, sarifSchema)
	rep := &finding.Report{
		Findings: []finding.Finding{
			{ // live object: logical location only
				CheckID: "WARD-K8S-0003", Severity: finding.SeverityUnknown, Message: "host network",
				Target: "cluster:dev", Resource: finding.Resource{Kind: "Pod", Namespace: "ns", Name: "p"},
				Location: finding.Location{Object: "Pod/ns/p"},
			},
			{ // awkward path, no line, ignore-file suppression without a reason
				CheckID: "WARD-K8S-0003", Severity: finding.SeverityLow, Message: "m",
				Location:   finding.Location{Path: "dir with space/c:d#1.yaml"},
				Suppressed: &finding.Suppression{Kind: "ignore-file", Source: ".wardignore:3"},
			},
			{ // nothing but a check ID
				CheckID: "WARD-X-0001",
			},
		},
		Errors: []finding.Error{{Message: "policy bundle: stale"}},
	}
	got := render(t, "sarif", rep, Options{})
	if err := validate(schema, got); err != nil {
		t.Fatalf("output does not match the SARIF 2.1.0 schema: %v\n%s", err, got)
	}
	var log sarifLog
	if err := json.Unmarshal(got, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if n := len(run.Tool.Driver.Rules); n != 2 {
		t.Errorf("%d rules, want 2 (one per distinct check ID)", n)
	}
	if r := run.Tool.Driver.Rules[0]; r.ID != "WARD-K8S-0003" || r.Name != "WARDK8S0003" || r.Properties.SecuritySeverity != "3.0" {
		t.Errorf("rule 0 = %+v, want id WARD-K8S-0003, name from the ID, worst severity LOW", r)
	}
	// finding.Sort puts the findings without a path first.
	if loc := run.Results[0].Locations[0]; loc.PhysicalLocation != nil || loc.LogicalLocations[0].FullyQualifiedName != "Pod/ns/p" {
		t.Errorf("live object location = %+v, want only a logical location", loc)
	}
	if run.Results[1].Locations != nil || run.Results[1].Message.Text != "WARD-X-0001" {
		t.Errorf("bare finding = %+v", run.Results[1])
	}
	if got := run.Results[2].Suppressions; len(got) != 1 || got[0].Kind != "external" {
		t.Errorf("ignore-file suppression = %+v, want kind external", got)
	}
	if got := run.Results[2].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "dir%20with%20space/c:d%231.yaml" {
		t.Errorf("uri = %q", got)
	}
}

func TestSARIFHelpers(t *testing.T) {
	t.Run("camel_case", func(t *testing.T) {
		for in, want := range map[string]string{
			"Container may run as root": "ContainerMayRunAsRoot",
			"Image uses the latest tag": "ImageUsesTheLatestTag",
			"CPU limit not set":         "CPULimitNotSet",
			"hostPath volume (r/w)":     "HostPathVolumeRW",
			"":                          "",
		} {
			if got := camelCase(in); got != want {
				t.Errorf("camelCase(%q) = %q, want %q", in, got, want)
			}
		}
	})
	t.Run("artifact_uri", func(t *testing.T) {
		tests := []struct{ in, uri, base string }{
			{"deploy/app.yaml", "deploy/app.yaml", srcRoot},
			{"./deploy/../app.yaml", "app.yaml", srcRoot},
			{"a b/c#d.yaml", "a%20b/c%23d.yaml", srcRoot},
			{"c:d.yaml", "./c:d.yaml", srcRoot},
			{"/abs/x.yaml", "file:///abs/x.yaml", ""},
		}
		for _, tt := range tests {
			uri, base := artifactURI(tt.in)
			if uri != tt.uri || base != tt.base {
				t.Errorf("artifactURI(%q) = %q, %q; want %q, %q", tt.in, uri, base, tt.uri, tt.base)
			}
		}
	})
	t.Run("levels", func(t *testing.T) {
		var got [][2]string
		for s := finding.SeverityUnknown; s <= finding.SeverityCritical; s++ {
			got = append(got, [2]string{sarifLevel(s), securitySeverity(s)})
		}
		want := [][2]string{{"note", ""}, {"note", "3.0"}, {"warning", "5.0"}, {"error", "7.0"}, {"error", "9.0"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("levels (-want +got):\n%s", diff)
		}
	})
}

// TestSARIFSchemaIsOfficial pins the stored schema to the published file
// (see testdata/README.md), so it cannot be loosened to make a test pass.
func TestSARIFSchemaIsOfficial(t *testing.T) {
	b, err := os.ReadFile(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	const want = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
	if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
		t.Errorf("%s sha256 = %s, want %s (the OASIS errata01 file)", sarifSchema, got, want)
	}
}
