package db

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/vuln/osv"
)

func fixed(eco, name, version string) osv.Affected {
	return osv.Affected{
		Package: osv.Package{Ecosystem: eco, Name: name},
		Ranges: []osv.Range{{Type: osv.RangeEcosystem, Events: []osv.Event{
			{Introduced: "0"}, {Fixed: version},
		}}},
	}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseDebianList_DSA(t *testing.T) {
	recs, err := ParseDebianList(bytes.NewReader(readTestdata(t, "debian/DSA-list")), "DSA-list", 0)
	if err != nil {
		t.Fatal(err)
	}
	// DSA-4205-1 (an end-of-life notice) has no fixed version and is dropped.
	wantIDs := []string{"DSA-5380-1", "DSA-5379-1", "DSA-5378-1", "DSA-5377-1", "DSA-5376-1", "DSA-4204-1", "DSA-2276-1", "DSA-2275-1", "DSA-1013-1"}
	if diff := cmp.Diff(wantIDs, ids(recs)); diff != "" {
		t.Fatalf("ids (-want +got):\n%s", diff)
	}
	date := time.Date(2023, 3, 29, 0, 0, 0, 0, time.UTC)
	want := &osv.Vulnerability{
		ID: "DSA-5380-1", Modified: date, Published: date,
		Aliases:    []string{"CVE-2023-1393"},
		Summary:    "xorg-server - security update",
		Affected:   []osv.Affected{fixed("Debian:11", "xorg-server", "2:1.20.11-1+deb11u6")},
		References: []osv.Reference{{Type: "ADVISORY", URL: "https://security-tracker.debian.org/tracker/DSA-5380-1"}},
	}
	if diff := cmp.Diff(want, recs[0]); diff != "" {
		t.Errorf("DSA-5380-1 (-want +got):\n%s", diff)
	}
	byID := map[string]*osv.Vulnerability{}
	for _, r := range recs {
		byID[r.ID] = r
		if err := r.Validate(); err != nil {
			t.Errorf("%s does not validate: %v", r.ID, err)
		}
	}
	tests := []struct {
		id   string
		want []osv.Affected
	}{
		{id: "DSA-2276-1", want: []osv.Affected{
			fixed("Debian:6", "asterisk", "1:1.6.2.9-2+squeeze3"),
			fixed("Debian:5", "asterisk", "1:1.4.21.2~dfsg-3+lenny3"),
		}},
		// <not-affected> skipped.
		{id: "DSA-2275-1", want: []osv.Affected{fixed("Debian:6", "openoffice.org", "1:3.2.1-11+squeeze3")}},
		{id: "DSA-1013-1", want: []osv.Affected{
			fixed("Debian:3.0", "snmptrapfmt", "1.03woody1"),
			fixed("Debian:3.1", "snmptrapfmt", "1.08sarge1"),
		}},
		{id: "DSA-4204-1", want: []osv.Affected{fixed("Debian:8", "imagemagick", "8:6.8.9.9-5+deb8u12")}},
	}
	for _, tt := range tests {
		t.Run(strings.ToLower(strings.ReplaceAll(tt.id, "-", "_")), func(t *testing.T) {
			if diff := cmp.Diff(tt.want, byID[tt.id].Affected); diff != "" {
				t.Errorf("affected (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseDebianList_Cases(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    []string // "id eco name fixed" per affected entry
		wantErr string
	}{
		{
			name: "skips_tags_and_unknown_releases",
			input: "[01 Jun 2023] DSA-9999-1 pkg - security update\n" +
				"\t{CVE-2099-1 CVE-2099-2}\n" +
				"\t[bookworm] - pkg <no-dsa> (Minor issue)\n" +
				"\t[bullseye] - pkg <not-affected> (Vulnerable code not present)\n" +
				"\t[sid] - pkg 1.0-2\n" +
				"\t[trixie] - pkg 1.0-1+deb13u1\n" +
				"\tNOTE: anything\n",
			want: []string{"DSA-9999-1 Debian:13 pkg 1.0-1+deb13u1"},
		},
		{
			name:  "header_without_summary",
			input: "[18 Apr 2018] DSA-4205-1 jessie end-of-life\n[2 May 2018] DLA-1-1 foo\n\t[stretch] - foo 1.2\n",
			want:  []string{"DLA-1-1 Debian:9 foo 1.2"},
		},
		{
			name:  "duplicate_fix_lines",
			input: "[01 Jun 2023] DSA-9-1 p - x\n\t[bookworm] - p 1\n\t[bookworm] - p 1\n",
			want:  []string{"DSA-9-1 Debian:12 p 1"},
		},
		{name: "empty", input: "", want: nil},
		{name: "blank_lines", input: "\n\n\n", want: nil},
		{name: "bad_date", input: "[yesterday] DSA-1-1 p - x\n", wantErr: "advisory date"},
		{name: "header_without_bracket", input: "[01 Jun 2023 DSA-1-1 p\n", wantErr: "without ']'"},
		{name: "header_without_id", input: "[01 Jun 2023]\n", wantErr: "without id"},
		{name: "indented_before_header", input: "\t{CVE-2099-1}\n", wantErr: "before the first advisory"},
		{name: "unexpected_line", input: "[01 Jun 2023] DSA-1-1 p\ngarbage\n", wantErr: "unexpected line"},
		{name: "unterminated_cve_list", input: "[01 Jun 2023] DSA-1-1 p\n\t{CVE-1\n", wantErr: "unterminated"},
		{name: "binary_garbage", input: "\x00\xff\x01[\n", wantErr: "unexpected line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ParseDebianList(strings.NewReader(tt.input), "list", 0)
			if tt.wantErr != "" {
				var pe *limits.ParseError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want *limits.ParseError containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				for _, a := range r.Affected {
					got = append(got, r.ID+" "+a.Package.Ecosystem+" "+a.Package.Name+" "+a.Ranges[0].Events[1].Fixed)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseDebianList_Limits(t *testing.T) {
	t.Run("file_too_large", func(t *testing.T) {
		input := strings.Repeat("[01 Jun 2023] DSA-1-1 p - x\n\t[bookworm] - p 1\n", 1000)
		_, err := ParseDebianList(strings.NewReader(input), "list", 1000)
		var le *limits.LimitError
		if !errors.As(err, &le) || le.Limit != 1000 {
			t.Fatalf("error %v, want *limits.LimitError of 1000", err)
		}
	})
	t.Run("line_too_long", func(t *testing.T) {
		input := "[01 Jun 2023] DSA-1-1 p - " + strings.Repeat("x", MaxListLine+1) + "\n"
		_, err := ParseDebianList(strings.NewReader(input), "list", 0)
		var le *limits.LimitError
		if !errors.As(err, &le) || le.Limit != MaxListLine {
			t.Fatalf("error %v, want *limits.LimitError of MaxListLine", err)
		}
	})
}

// TestParseDebianList_ManyAliases guards against quadratic alias
// de-duplication: 100,000 ids on one line parse at once.
func TestParseDebianList_ManyAliases(t *testing.T) {
	var b strings.Builder
	b.WriteString("[01 Jun 2023] DSA-1-1 p - x\n\t{")
	for i := range 30_000 {
		fmt.Fprintf(&b, "CVE-2099-%d CVE-2099-%d ", i, i)
	}
	b.WriteString("}\n\t[bookworm] - p 1\n")
	recs, err := ParseDebianList(strings.NewReader(b.String()), "list", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || len(recs[0].Aliases) != 30_000 {
		t.Fatalf("got %d records", len(recs))
	}
}

func TestImportDebianList(t *testing.T) {
	db := openTest(t, Options{})
	ctx := context.Background()
	for _, f := range []string{"DSA-list", "DLA-list"} {
		if _, err := db.ImportDebianList(ctx, filepath.Join("testdata", "debian", f)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		ecosystem string
		pkg       string
		want      []string
	}{
		{name: "bullseye", ecosystem: "Debian:11", pkg: "xorg-server", want: []string{"DSA-5380-1"}},
		{name: "buster_dla", ecosystem: "Debian:10", pkg: "systemd", want: []string{"DLA-3377-1"}},
		{name: "wrong_release", ecosystem: "Debian:12", pkg: "xorg-server", want: []string{}},
		{name: "not_affected_release", ecosystem: "Debian:5", pkg: "openoffice.org", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.Lookup(tt.ecosystem, tt.pkg)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ids(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAlpineSecDB_YAML(t *testing.T) {
	recs, err := ParseAlpineSecDB(bytes.NewReader(readTestdata(t, "alpine/v3.11-main.yaml")), "v3.11-main.yaml", 0)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*osv.Vulnerability{}
	for _, r := range recs {
		byID[r.ID] = r
		if err := r.Validate(); err != nil {
			t.Errorf("%s does not validate: %v", r.ID, err)
		}
	}
	want := &osv.Vulnerability{
		ID:       "ALPINE-v3.11-main-CVE-2019-1551",
		Aliases:  []string{"CVE-2019-1551"},
		Affected: []osv.Affected{fixed("Alpine:v3.11", "openssl", "1.1.1d-r3")},
	}
	if diff := cmp.Diff(want, byID["ALPINE-v3.11-main-CVE-2019-1551"]); diff != "" {
		t.Errorf("CVE-2019-1551 (-want +got):\n%s", diff)
	}
	// "CVE-2016-6258 XSA-182": one vulnerability, two ids.
	xsa := byID["ALPINE-v3.11-main-CVE-2016-6258"]
	if xsa == nil {
		t.Fatal("CVE-2016-6258 missing")
	}
	if diff := cmp.Diff([]string{"CVE-2016-6258", "XSA-182"}, xsa.Aliases); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]osv.Affected{fixed("Alpine:v3.11", "xen", "4.7.0-r0")}, xsa.Affected); diff != "" {
		t.Errorf("xen affected (-want +got):\n%s", diff)
	}
	if _, ok := byID["ALPINE-v3.11-main-CVE-2019-1010238"]; !ok {
		t.Error("pango's CVE-2019-1010238 missing")
	}
}

func TestParseAlpineSecDB_NotAffectedSkipped(t *testing.T) {
	recs, err := ParseAlpineSecDB(bytes.NewReader(readTestdata(t, "alpine/v3.8-main.yaml")), "v3.8-main.yaml", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		for _, a := range r.Affected {
			if a.Package.Name == "db" {
				t.Errorf("%s: package db is listed under \"0\" (not affected) but got a record", r.ID)
			}
		}
	}
	if len(recs) == 0 {
		t.Fatal("dbus records missing")
	}
}

func TestParseAlpineSecDB_JSON(t *testing.T) {
	recs, err := ParseAlpineSecDB(bytes.NewReader(readTestdata(t, "alpine/v3.19-main.json")), "v3.19-main.json", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []*osv.Vulnerability{
		{ID: "ALPINE-v3.19-main-CVE-2099-0001", Aliases: []string{"CVE-2099-0001"}, Affected: []osv.Affected{
			fixed("Alpine:v3.19", "wardtest-lib", "1.2.3-r0"),
			fixed("Alpine:v3.19", "wardtest-tool", "2.0.0-r1"),
		}},
		{ID: "ALPINE-v3.19-main-CVE-2099-0002", Aliases: []string{"CVE-2099-0002"}, Affected: []osv.Affected{
			fixed("Alpine:v3.19", "wardtest-lib", "1.2.3-r0"),
		}},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseAlpineSecDB_Errors(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		wantErr string
	}{
		{name: "no_distroversion", input: "packages: []\n", wantErr: "distroversion"},
		{name: "bad_distroversion", input: "distroversion: 3.11\n", wantErr: "distroversion"},
		{name: "yaml_syntax", input: "distroversion: [\n", wantErr: "YAML"},
		{name: "json_syntax", input: `{"distroversion": `, wantErr: "JSON"},
		{name: "wrong_shape", input: "distroversion: v3.1\npackages: 7\n", wantErr: "YAML"},
		{name: "alias_bomb", input: "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\npackages: *i\n", wantErr: "YAML"},
		{name: "binary_garbage", input: "\x00\x01\xff\xfe", wantErr: "Alpine secdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAlpineSecDB(strings.NewReader(tt.input), "secdb", 0)
			var pe *limits.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want *limits.ParseError containing %q", err, tt.wantErr)
			}
		})
	}
	t.Run("too_large", func(t *testing.T) {
		_, err := ParseAlpineSecDB(strings.NewReader(strings.Repeat("#", 2000)), "secdb", 1000)
		var le *limits.LimitError
		if !errors.As(err, &le) {
			t.Fatalf("error %v, want *limits.LimitError", err)
		}
	})
}

func TestImportAlpineSecDB(t *testing.T) {
	db := openTest(t, Options{})
	ctx := context.Background()
	for _, f := range []string{"v3.11-main.yaml", "v3.8-main.yaml", "v3.19-main.json"} {
		if _, err := db.ImportAlpineSecDB(ctx, filepath.Join("testdata", "alpine", f)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Lookup("Alpine:v3.11", "openssl")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 7 {
		t.Errorf("openssl in v3.11: %d records, want 7: %v", len(got), ids(got))
	}
	if got, _ := db.Lookup("Alpine:v3.12", "openssl"); len(got) != 0 {
		t.Errorf("openssl in v3.12: %v, want none", ids(got))
	}
	if got, _ := db.Lookup("Alpine:v3.8", "db"); len(got) != 0 {
		t.Errorf("db in v3.8: %v, want none (listed as not affected)", ids(got))
	}
	got, _ = db.Lookup("Alpine:v3.19", "wardtest-tool")
	if diff := cmp.Diff([]string{"ALPINE-v3.19-main-CVE-2099-0001"}, ids(got)); diff != "" {
		t.Errorf("wardtest-tool (-want +got):\n%s", diff)
	}
}

func FuzzParseDebianList(f *testing.F) {
	f.Add(readTestdata(f, "debian/DSA-list"))
	f.Add(readTestdata(f, "debian/DLA-list"))
	f.Add([]byte("[01 Jun 2023] DSA-1-1 p - x\n\t{CVE-1}\n\t[bookworm] - p <no-dsa>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ParseDebianList(bytes.NewReader(data), "list", 1<<20)
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		for _, r := range recs {
			if err := r.Validate(); err != nil {
				t.Fatalf("record %q does not validate: %v", r.ID, err)
			}
			if len(r.Affected) == 0 {
				t.Fatalf("record %q without affected packages", r.ID)
			}
		}
	})
}

func FuzzParseAlpineSecDB(f *testing.F) {
	f.Add(readTestdata(f, "alpine/v3.11-main.yaml"))
	f.Add(readTestdata(f, "alpine/v3.8-main.yaml"))
	f.Add(readTestdata(f, "alpine/v3.19-main.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ParseAlpineSecDB(bytes.NewReader(data), "secdb", 1<<20)
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		for _, r := range recs {
			if err := r.Validate(); err != nil {
				t.Fatalf("record %q does not validate: %v", r.ID, err)
			}
		}
	})
}
