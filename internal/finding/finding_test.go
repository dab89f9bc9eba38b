package finding

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSeverityRoundTrip(t *testing.T) {
	for _, s := range []Severity{SeverityUnknown, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var got Severity
		if err := json.Unmarshal(b, &got); err != nil || got != s {
			t.Errorf("%s: round trip gave %s (%v)", s, got, err)
		}
	}
	if v, err := ParseSeverity(" high "); err != nil || v != SeverityHigh {
		t.Errorf("ParseSeverity is case- and space-insensitive: %v %v", v, err)
	}
	if _, err := ParseSeverity("severe"); err == nil {
		t.Error("unknown severity accepted")
	}
}

func TestFingerprintIdentity(t *testing.T) {
	res := Resource{Kind: "Deployment", Namespace: "a", Name: "web"}
	base := Finding{CheckID: "WARD-K8S-0001", Resource: res, Location: Location{Path: "d.yaml", StartLine: 10}, Detail: "spec.x", Message: "m"}
	base.SetFingerprint()
	moved := base
	moved.Location.StartLine, moved.Location.EndLine = 40, 44
	moved.SetFingerprint()
	if moved.Fingerprint != base.Fingerprint {
		t.Error("fingerprint depends on line numbers")
	}
	for name, mut := range map[string]func(*Finding){
		"check":    func(f *Finding) { f.CheckID = "WARD-K8S-0002" },
		"resource": func(f *Finding) { f.Resource.Name = "api" },
		"path":     func(f *Finding) { f.Location.Path = "e.yaml" },
		"detail":   func(f *Finding) { f.Detail = "spec.y" },
	} {
		f := base
		mut(&f)
		f.SetFingerprint()
		if f.Fingerprint == base.Fingerprint {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
	}
}

func TestSummarizeAndSort(t *testing.T) {
	r := Report{Findings: []Finding{
		{CheckID: "B", Severity: SeverityLow, Location: Location{Path: "b.yaml", StartLine: 1}},
		{CheckID: "A", Severity: SeverityCritical, Location: Location{Path: "a.yaml", StartLine: 5}},
		{CheckID: "C", Severity: SeverityHigh, Location: Location{Path: "a.yaml", StartLine: 5}},
		{CheckID: "D", Severity: SeverityHigh, Location: Location{Path: "a.yaml", StartLine: 2}, Suppressed: &Suppression{Kind: "inline"}},
	}, Errors: []Error{{Path: "x", Message: "bad"}}}
	r.Summarize()
	want := Summary{Critical: 1, High: 1, Low: 1, Suppressed: 1, Errors: 1}
	if diff := cmp.Diff(want, r.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	Sort(r.Findings)
	var order []string
	for _, f := range r.Findings {
		order = append(order, f.CheckID)
	}
	if diff := cmp.Diff([]string{"D", "A", "C", "B"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if len(r.Active()) != 3 {
		t.Errorf("active = %d", len(r.Active()))
	}
}
