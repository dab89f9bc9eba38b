package match

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/vuln/osv"
)

type mapSource map[string][]*osv.Vulnerability

func (m mapSource) Lookup(eco, name string) ([]*osv.Vulnerability, error) {
	base := eco
	for i := range eco {
		if eco[i] == ':' {
			base = eco[:i]
		}
	}
	return append(append([]*osv.Vulnerability{}, m[eco+"/"+name]...), m[base+"/"+name]...), nil
}

func rec(id, eco, name string, events []osv.Event, versions ...string) *osv.Vulnerability {
	return &osv.Vulnerability{ID: id, Affected: []osv.Affected{{
		Package:  osv.Package{Ecosystem: eco, Name: name},
		Ranges:   []osv.Range{{Type: osv.RangeEcosystem, Events: events}},
		Versions: versions,
	}}}
}

// TestRanges follows the OSV schema's evaluation rules
// (https://ossf.github.io/osv-schema/#evaluation): introduced inclusive,
// fixed exclusive, last_affected inclusive, limit bounding the range.
func TestRanges(t *testing.T) {
	multi := []osv.Event{{Introduced: "0"}, {Fixed: "1.20.10"}, {Introduced: "1.21.0-0"}, {Fixed: "1.21.3"}}
	for _, tt := range []struct {
		name   string
		eco    string
		events []osv.Event
		ver    string
		want   bool
		fixed  string
	}{
		{"before_fix", "Go", multi, "1.20.9", true, "1.20.10"},
		{"at_fix", "Go", multi, "1.20.10", false, ""},
		{"between_intervals", "Go", multi, "1.20.99", false, ""},
		{"second_interval", "Go", multi, "1.21.1", true, "1.21.3"},
		{"prerelease_of_second", "Go", multi, "1.21.0-rc.2", true, "1.21.3"},
		{"after_all", "Go", multi, "1.22.0", false, ""},
		{"last_affected_inclusive", "npm", []osv.Event{{Introduced: "1.0.0"}, {LastAffected: "1.4.2"}}, "1.4.2", true, ""},
		{"after_last_affected", "npm", []osv.Event{{Introduced: "1.0.0"}, {LastAffected: "1.4.2"}}, "1.4.3", false, ""},
		{"before_introduced", "npm", []osv.Event{{Introduced: "1.0.0"}, {Fixed: "2.0.0"}}, "0.9.0", false, ""},
		{"limit", "PyPI", []osv.Event{{Introduced: "0"}, {Limit: "2.0"}}, "2.1", false, ""},
		{"under_limit", "PyPI", []osv.Event{{Introduced: "0"}, {Limit: "2.0"}}, "1.5", true, ""},
		{"dpkg_epoch", "Debian:12", []osv.Event{{Introduced: "0"}, {Fixed: "1:2.38.1-5+deb12u1"}}, "1:2.38.1-5", true, "1:2.38.1-5+deb12u1"},
		{"dpkg_fixed_equal", "Debian:12", []osv.Event{{Introduced: "0"}, {Fixed: "1:2.38.1-5+deb12u1"}}, "1:2.38.1-5+deb12u1", false, ""},
		{"pep440_normalised", "PyPI", []osv.Event{{Introduced: "0"}, {Fixed: "2.0.0"}}, "2.0", false, ""},
		{"maven_qualifier", "Maven", []osv.Event{{Introduced: "2.0-beta9"}, {Fixed: "2.15.0"}}, "2.14.1", true, "2.15.0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := rec("X-1", tt.eco, "p", tt.events)
			got, fixed, _, err := Affects(r, tt.eco, "p", tt.ver)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || fixed != tt.fixed {
				t.Errorf("Affects(%s) = %v, fixed %q; want %v, fixed %q", tt.ver, got, fixed, tt.want, tt.fixed)
			}
		})
	}
}

func TestPackages(t *testing.T) {
	withdrawn := rec("W-1", "npm", "lodash", []osv.Event{{Introduced: "0"}})
	withdrawn.Withdrawn = withdrawn.Modified.AddDate(1, 0, 0)
	unfixed := rec("U-1", "npm", "lodash", []osv.Event{{Introduced: "4.0.0"}})
	listed := rec("L-1", "PyPI", "Django_Rest", nil, "3.0.1")
	deb := rec("DEBCL-CVE-2024-1", "Debian:12", "openssl", []osv.Event{{Introduced: "0"}, {Fixed: "3.0.13-1~deb12u1"}})
	deb11 := rec("DEBCL-CVE-2024-2", "Debian:11", "openssl", []osv.Event{{Introduced: "0"}, {Fixed: "9"}})
	ghsa := rec("GHSA-x", "npm", "lodash", []osv.Event{{Introduced: "0"}, {Fixed: "4.17.21"}})
	ghsa.DatabaseSpecific = []byte(`{"severity": "HIGH"}`)
	cvss := rec("C-1", "PyPI", "django-rest", []osv.Event{{Introduced: "0"}, {Fixed: "9"}})
	cvss.Severity = []osv.Severity{{Type: osv.SeverityCVSSv3, Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}, {Type: osv.SeverityCVSSv2, Score: "AV:N/AC:L/Au:N/C:C/I:C/A:C"}}
	src := mapSource{
		"npm/lodash":        {withdrawn, unfixed, ghsa},
		"PyPI/django-rest":  {listed, cvss},
		"Debian:12/openssl": {deb},
		"Debian:11/openssl": {deb11},
	}
	pkgs := []inventory.Package{
		{Name: "lodash", Version: "4.17.20", Ecosystem: "npm", Location: "package-lock.json"},
		{Name: "django-rest", Version: "3.0.1", Ecosystem: "PyPI", Location: "requirements.txt"},
		{Name: "libssl3", Version: "3.0.11-1~deb12u2", SourceName: "openssl", Ecosystem: "Debian:12", Location: "var/lib/dpkg/status"},
		{Name: "thing", Version: "1", Ecosystem: "Hex"},
	}
	type row struct {
		ID, Pkg, Fixed string
		Sev            finding.Severity
	}
	summarise := func(ms []Match) []row {
		var out []row
		for _, m := range ms {
			out = append(out, row{m.Vuln.ID, m.Package.Name, m.Fixed, m.Severity})
		}
		return out
	}
	ms, errs := Packages(pkgs, src, Config{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []row{
		{"GHSA-x", "lodash", "4.17.21", finding.SeverityHigh},
		{"U-1", "lodash", "", finding.SeverityUnknown},
		{"C-1", "django-rest", "9", finding.SeverityHigh},
		{"L-1", "django-rest", "", finding.SeverityUnknown},
		{"DEBCL-CVE-2024-1", "libssl3", "3.0.13-1~deb12u1", finding.SeverityUnknown},
	}
	if diff := cmp.Diff(want, summarise(ms)); diff != "" {
		t.Errorf("matches (-want +got):\n%s", diff)
	}
	ms, _ = Packages(pkgs, src, Config{IgnoreUnfixed: true})
	for _, m := range ms {
		if m.Fixed == "" {
			t.Errorf("--ignore-unfixed kept %s", m.Vuln.ID)
		}
	}
}

// A real Go record: golang.org/x/net before 0.17.0 and the standard
// library before 1.20.10 / 1.21.3 (HTTP/2 rapid reset, CVE-2023-39325).
func TestGoRecord(t *testing.T) {
	f, err := os.Open("testdata/GO-2023-2102.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := osv.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, ver string
		want      bool
		fixed     string
	}{
		{"golang.org/x/net", "v0.16.0", true, "0.17.0"},
		{"golang.org/x/net", "v0.17.0", false, ""},
		{"golang.org/x/net", "v0.0.0-20230101000000-abcdefabcdef", true, "0.17.0"},
		{"stdlib", "1.21.1", true, "1.21.3"},
		{"stdlib", "1.20.12", false, ""},
	} {
		got, fixed, _, err := Affects(r, "Go", tt.name, tt.ver)
		if err != nil {
			t.Errorf("%s %s: %v", tt.name, tt.ver, err)
		}
		if got != tt.want || fixed != tt.fixed {
			t.Errorf("%s %s: %v %q, want %v %q", tt.name, tt.ver, got, fixed, tt.want, tt.fixed)
		}
	}
}
