package severity

import (
	"testing"

	"github.com/wardsec/ward/internal/finding"
)

// Scores from the specifications' published examples and NVD entries:
// CVE-2021-44228 (Log4Shell) 3.1 → 10.0; CVE-2014-0160 (Heartbleed) 3.1 → 7.5
// and 2.0 → 5.0; the CVSS v4.0 specification's examples
// (https://www.first.org/cvss/v4.0/examples).
func TestFromVector(t *testing.T) {
	for _, tt := range []struct {
		vector  string
		version string
		base    float64
		sev     finding.Severity
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "3.1", 10.0, finding.SeverityCritical},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "3.1", 7.5, finding.SeverityHigh},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N", "3.0", 5.4, finding.SeverityMedium},
		{"AV:N/AC:L/Au:N/C:P/I:N/A:N", "2.0", 5.0, finding.SeverityMedium},
		{"AV:N/AC:L/Au:N/C:C/I:C/A:C", "2.0", 10.0, finding.SeverityHigh},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 9.3, finding.SeverityCritical},
		{"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 8.5, finding.SeverityHigh},
	} {
		s, err := FromVector(tt.vector)
		if err != nil {
			t.Errorf("%s: %v", tt.vector, err)
			continue
		}
		if s.Version != tt.version || s.Base != tt.base || s.Severity != tt.sev {
			t.Errorf("%s: got %s %.1f %s, want %s %.1f %s", tt.vector, s.Version, s.Base, s.Severity, tt.version, tt.base, tt.sev)
		}
	}
	for _, bad := range []string{"", "CVSS:3.1/AV:X", "CVSS:4.0/garbage", "not a vector"} {
		if _, err := FromVector(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFromRating(t *testing.T) {
	for r, want := range map[string]finding.Severity{"CRITICAL": finding.SeverityCritical, "moderate": finding.SeverityMedium, "Important": finding.SeverityHigh, "negligible": finding.SeverityLow, "?": finding.SeverityUnknown} {
		if got := FromRating(r); got != want {
			t.Errorf("%s: %s, want %s", r, got, want)
		}
	}
}

func FuzzFromVector(f *testing.F) {
	f.Add("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")
	f.Add("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
	f.Add("AV:N/AC:L/Au:N/C:P/I:N/A:N")
	f.Fuzz(func(t *testing.T, v string) {
		s, err := FromVector(v)
		if err == nil && (s.Base < 0 || s.Base > 10) {
			t.Fatalf("%q scored %v", v, s.Base)
		}
	})
}
