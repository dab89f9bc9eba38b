package sbom

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKnownLicenseIDsAreSPDX checks every built-in license id against the
// SPDX license list that ships with the CycloneDX schema.
func TestKnownLicenseIDsAreSPDX(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "schema", "spdx.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Enum []string `json:"enum"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	list := make(map[string]bool, len(s.Enum))
	for _, id := range s.Enum {
		list[id] = true
	}
	for _, id := range knownLicenseIDs {
		if !list[id] {
			t.Errorf("%q is not an SPDX license id", id)
		}
	}
}

func TestLicenseExpression(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"MIT", "MIT", true},
		{"mit", "MIT", true},
		{"MIT OR Apache-2.0", "MIT OR Apache-2.0", true},
		{"(mit OR apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause", true},
		{"GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0", true},
		{"MIT AND", "", false},
		{"AND MIT", "", false},
		{"(MIT", "", false},
		{"MIT)", "", false},
		{"MIT Apache-2.0", "", false},
		{"MIT WITH", "", false},
		{"The MIT License", "", false},
		{"Custom-License-1.0", "", false},
		{"", "", false},
	} {
		got, ok := licenseExpression(tt.in)
		if diff := cmp.Diff([2]any{tt.want, tt.ok}, [2]any{got, ok}); diff != "" {
			t.Errorf("licenseExpression(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestSPDXLicense(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []string
		want string
	}{
		{"none", nil, "NOASSERTION"},
		{"one_id", []string{"apache-2.0"}, "Apache-2.0"},
		{"two_ids", []string{"MIT", "ISC"}, "MIT AND ISC"},
		{"expression_and_id", []string{"MIT OR Apache-2.0", "ISC"}, "(MIT OR Apache-2.0) AND ISC"},
		{"unknown_name", []string{"MIT", "Proprietary"}, "NOASSERTION"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := spdxLicense(tt.in); got != tt.want {
				t.Errorf("spdxLicense(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeID(t *testing.T) {
	for in, want := range map[string]string{
		"@babel/core":              "babel-core",
		"github.com/gin-gonic/gin": "github.com-gin-gonic-gin",
		"ünï code":                 "n-code",
		"///":                      "unnamed",
		"a--b":                     "a--b",
	} {
		if got := sanitizeID(in); got != want {
			t.Errorf("sanitizeID(%q) = %q, want %q", in, got, want)
		}
	}
}
