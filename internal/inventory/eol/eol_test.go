package eol

import (
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func TestLookup(t *testing.T) {
	type out struct {
		Date  string
		Known bool
	}
	tests := []struct {
		name, distro, version string
		want                  out
	}{
		{"debian_8", "debian", "8", out{"2020-06-30", true}},
		{"debian_10", "debian", "10", out{"2024-06-30", true}},
		{"debian_11", "debian", "11", out{"2026-08-31", true}},
		{"debian_12_point_release", "debian", "12.5", out{"2028-06-30", true}},
		{"debian_13", "debian", "13", out{"2030-06-30", true}},
		{"debian_7_unknown", "debian", "7", out{}},
		{"ubuntu_14_04", "ubuntu", "14.04", out{"2019-04-02", true}},
		{"ubuntu_20_04", "ubuntu", "20.04", out{"2025-05-31", true}},
		{"ubuntu_22_04_point", "ubuntu", "22.04.3", out{"2027-04-01", true}},
		{"ubuntu_24_04", "ubuntu", "24.04", out{"2029-05-31", true}},
		{"ubuntu_interim_23_10", "ubuntu", "23.10", out{"2024-07-12", true}},
		{"alpine_3_10", "alpine", "3.10.9", out{"2021-05-01", true}},
		{"alpine_3_16", "alpine", "3.16.0", out{"2024-05-23", true}},
		{"alpine_3_21", "alpine", "3.21.2", out{"2026-11-01", true}},
		{"alpine_minor_only", "alpine", "3.19", out{"2025-11-01", true}},
		{"alpine_3_1_not_3_10", "alpine", "3.1.4", out{}},
		{"alpine_edge", "alpine", "3.22_alpha20250108", out{}},
		{"rhel_7", "rhel", "7.9", out{"2024-06-30", true}},
		{"rhel_9", "rhel", "9.4", out{"2032-05-31", true}},
		{"centos_7", "centos", "7", out{"2024-06-30", true}},
		{"centos_8", "centos", "8", out{"2021-12-31", true}},
		{"rocky_8", "rocky", "8.10", out{"2029-05-31", true}},
		{"rocky_7_unknown", "rocky", "7", out{}},
		{"almalinux_8", "almalinux", "8.9", out{"2029-03-01", true}},
		{"almalinux_9", "almalinux", "9.3", out{"2032-05-31", true}},
		{"id_case_and_space", " Debian ", "9", out{"2022-06-30", true}},
		{"unknown_distro", "gentoo", "2.15", out{}},
		{"empty_version", "debian", "", out{}},
		{"empty", "", "", out{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, known := Lookup(tt.distro, tt.version)
			got := out{Known: known}
			if known {
				got.Date = d.Format(time.DateOnly)
				if d.Location() != time.UTC {
					t.Errorf("date %v is not UTC", d)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Lookup(%q, %q) (-want +got):\n%s", tt.distro, tt.version, diff)
			}
		})
	}
}

func TestEOL(t *testing.T) {
	type out struct {
		EOL   bool
		Date  string
		Known bool
	}
	tests := []struct {
		name   string
		distro *inventory.Distro
		now    time.Time
		want   out
	}{
		{"nil_distro", nil, day("2025-01-01"), out{}},
		{"buster_after_lts", &inventory.Distro{ID: "debian", VersionID: "10"}, day("2025-01-01"), out{true, "2024-06-30", true}},
		{"bookworm_supported", &inventory.Distro{ID: "debian", VersionID: "12"}, day("2025-01-01"), out{false, "2028-06-30", true}},
		{"last_supported_day", &inventory.Distro{ID: "debian", VersionID: "10"}, day("2024-06-30").Add(23 * time.Hour), out{false, "2024-06-30", true}},
		{"first_day_after", &inventory.Distro{ID: "debian", VersionID: "10"}, day("2024-07-01"), out{true, "2024-06-30", true}},
		{"other_zone_converted_to_utc", &inventory.Distro{ID: "debian", VersionID: "10"},
			time.Date(2024, 7, 1, 1, 0, 0, 0, time.FixedZone("east", 3*3600)), out{false, "2024-06-30", true}},
		{"codename_when_no_version", &inventory.Distro{ID: "debian", Codename: "stretch"}, day("2025-01-01"), out{true, "2022-06-30", true}},
		{"version_wins_over_codename", &inventory.Distro{ID: "debian", VersionID: "12", Codename: "stretch"}, day("2025-01-01"), out{false, "2028-06-30", true}},
		{"sid_unknown", &inventory.Distro{ID: "debian", Codename: "sid"}, day("2025-01-01"), out{}},
		{"alpine_3_18_eol", &inventory.Distro{ID: "alpine", VersionID: "3.18.4"}, day("2025-06-01"), out{true, "2025-05-09", true}},
		{"centos_7_eol", &inventory.Distro{ID: "centos", VersionID: "7"}, day("2024-07-01"), out{true, "2024-06-30", true}},
		{"ubuntu_focal_eol", &inventory.Distro{ID: "ubuntu", VersionID: "20.04"}, day("2025-06-01"), out{true, "2025-05-31", true}},
		{"wolfi_unknown", &inventory.Distro{ID: "wolfi", VersionID: "20230201"}, day("2025-06-01"), out{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, d, known := EOL(tt.distro, tt.now)
			got := out{EOL: e, Known: known}
			if !d.IsZero() {
				got.Date = d.Format(time.DateOnly)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EOL (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTableDates proves every row parses, no release is listed twice, and
// every release the task names is present.
func TestTableDates(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range releases() {
		if _, err := time.Parse(time.DateOnly, r.eol); err != nil {
			t.Errorf("%s %s: bad date %q: %v", r.distro, r.version, r.eol, err)
		}
		k := r.distro + " " + r.version
		if seen[k] {
			t.Errorf("%s listed twice", k)
		}
		seen[k] = true
		if got := normalise(r.distro, r.version); got != r.version {
			t.Errorf("%s: version %q is not normalised (%q)", k, r.version, got)
		}
	}
	var want []string
	for v := 8; v <= 13; v++ {
		want = append(want, "debian "+strconv.Itoa(v))
	}
	for y := 14; y <= 24; y += 2 {
		want = append(want, "ubuntu "+strconv.Itoa(y)+".04")
	}
	for m := 10; m <= 21; m++ {
		want = append(want, "alpine 3."+strconv.Itoa(m))
	}
	for _, d := range []string{"rhel", "centos"} {
		for v := 7; v <= 9; v++ {
			want = append(want, d+" "+strconv.Itoa(v))
		}
	}
	for _, d := range []string{"rocky", "almalinux"} {
		for v := 8; v <= 9; v++ {
			want = append(want, d+" "+strconv.Itoa(v))
		}
	}
	for _, k := range want {
		if !seen[k] {
			t.Errorf("table lacks %s", k)
		}
	}
}
