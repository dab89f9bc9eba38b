package report

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
)

const reportSchema = "schema/ward-report-1.2.json"

func TestJSONGolden(t *testing.T) {
	tests := []struct {
		name         string
		opts         Options
		wantFindings []string
	}{
		{"json", Options{}, []string{"WARD-DF-0002", "WARD-K8S-0001", "WARD-K8S-0012"}},
		{"json_suppressed", Options{ShowSuppressed: true}, []string{"WARD-DF-0002", "WARD-K8S-0001", "WARD-K8S-0012", "WARD-K8S-0020"}},
	}
	schema := compileSchema(t, reportSchema)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, "json", sampleReport(), tt.opts)
			checkGolden(t, tt.name+".golden.json", got)
			if err := validate(schema, got); err != nil {
				t.Errorf("output does not match %s: %v", reportSchema, err)
			}
			var rep finding.Report
			if err := json.Unmarshal(got, &rep); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, f := range rep.Findings {
				ids = append(ids, f.CheckID)
			}
			if diff := cmp.Diff(tt.wantFindings, ids); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			want := finding.Summary{Critical: 1, High: 1, Medium: 1, Suppressed: 1, Errors: 1}
			if diff := cmp.Diff(want, rep.Summary); diff != "" {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONSchemaRejects proves the schema test can fail: documents that break
// the schema in different ways must not validate.
func TestJSONSchemaRejects(t *testing.T) {
	schema := compileSchema(t, reportSchema)
	valid := render(t, "json", sampleReport(), Options{})
	if err := validate(schema, valid); err != nil {
		t.Fatalf("sample does not validate: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(m map[string]any)
	}{
		{"missing_summary", func(m map[string]any) { delete(m, "summary") }},
		{"bad_severity", func(m map[string]any) { finding0(m)["severity"] = "SEVERE" }},
		{"undocumented_field", func(m map[string]any) { finding0(m)["cvss"] = 9.8 }},
		{"null_findings", func(m map[string]any) { m["findings"] = nil }},
		{"bad_created_at", func(m map[string]any) { m["createdAt"] = "yesterday" }},
		{"schema_version_2", func(m map[string]any) { m["schemaVersion"] = "2.0" }},
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
				t.Errorf("broken document validated:\n%s", doc)
			}
		})
	}
}

func finding0(m map[string]any) map[string]any {
	return m["findings"].([]any)[0].(map[string]any)
}

// TestJSONEmpty checks lists are [] rather than null and still validate.
func TestJSONEmpty(t *testing.T) {
	got := render(t, "json", &finding.Report{}, Options{})
	if err := validate(compileSchema(t, reportSchema), got); err != nil {
		t.Errorf("empty report does not validate: %v\n%s", err, got)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(got, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"targets", "findings", "errors"} {
		if string(m[k]) != "[]" {
			t.Errorf("%s = %s, want []", k, m[k])
		}
	}
	if string(m["schemaVersion"]) != `"`+finding.SchemaVersion+`"` {
		t.Errorf("schemaVersion = %s, want %q", m["schemaVersion"], finding.SchemaVersion)
	}
}
