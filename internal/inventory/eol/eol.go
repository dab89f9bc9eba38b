// Package eol knows when operating system releases stop receiving security
// updates. The table is embedded: no network is needed to decide whether an
// image's base OS is end of life.
//
// Each date is the last day a release receives security updates from its
// publisher without a paid extension (Debian LTS, Ubuntu standard support,
// RHEL maintenance support). A release is end of life from the day after.
//
// Sources (checked 2026-11):
//   - Debian: Debian LTS schedule, https://wiki.debian.org/LTS, and the
//     announcements it links (jessie 2020-06-30, stretch 2022-06-30, buster
//     2024-06-30, bullseye 2026-08-31, bookworm 2028-06-30, trixie
//     2030-06-30); cross-checked with https://endoflife.date/debian.
//   - Ubuntu: end of standard support ("Maintenance & Security Support") as
//     listed by https://endoflife.date/ubuntu from https://wiki.ubuntu.com/Releases
//     and https://ubuntu.com/about/release-cycle; ESM is not counted.
//   - Alpine: "End of support" of https://alpinelinux.org/releases/ (main
//     repository), as listed by https://endoflife.date/alpine-linux.
//   - RHEL family: end of maintenance support, https://access.redhat.com/support/policy/updates/errata
//     (https://endoflife.date/rhel); CentOS Linux 7 2024-06-30 and 8
//     2021-12-31 (https://endoflife.date/centos); CentOS Stream 9 and 10,
//     which share ID "centos", https://endoflife.date/centos-stream; Rocky
//     Linux https://wiki.rockylinux.org/rocky/version/ (https://endoflife.date/rocky-linux);
//     AlmaLinux https://wiki.almalinux.org/release-notes/ (https://endoflife.date/almalinux).
package eol

import (
	"strings"
	"time"

	"github.com/wardsec/ward/internal/inventory"
)

// release is one row of the table.
type release struct {
	distro   string // os-release ID
	version  string // normalised VERSION_ID (see normalise)
	codename string // VERSION_CODENAME, for releases that may omit VERSION_ID
	eol      string // last supported day, YYYY-MM-DD
}

// releases returns the table. It is a function, not a package variable, so
// no caller can change it.
func releases() []release {
	return []release{
		{"debian", "8", "jessie", "2020-06-30"},
		{"debian", "9", "stretch", "2022-06-30"},
		{"debian", "10", "buster", "2024-06-30"},
		{"debian", "11", "bullseye", "2026-08-31"},
		{"debian", "12", "bookworm", "2028-06-30"},
		{"debian", "13", "trixie", "2030-06-30"},

		{"ubuntu", "14.04", "trusty", "2019-04-02"},
		{"ubuntu", "14.10", "utopic", "2015-07-23"},
		{"ubuntu", "15.04", "vivid", "2016-02-04"},
		{"ubuntu", "15.10", "wily", "2016-07-28"},
		{"ubuntu", "16.04", "xenial", "2021-04-02"},
		{"ubuntu", "16.10", "yakkety", "2017-07-20"},
		{"ubuntu", "17.04", "zesty", "2018-01-13"},
		{"ubuntu", "17.10", "artful", "2018-07-19"},
		{"ubuntu", "18.04", "bionic", "2023-05-31"},
		{"ubuntu", "18.10", "cosmic", "2019-07-18"},
		{"ubuntu", "19.04", "disco", "2020-01-23"},
		{"ubuntu", "19.10", "eoan", "2020-07-06"},
		{"ubuntu", "20.04", "focal", "2025-05-31"},
		{"ubuntu", "20.10", "groovy", "2021-07-22"},
		{"ubuntu", "21.04", "hirsute", "2022-01-20"},
		{"ubuntu", "21.10", "impish", "2022-07-14"},
		{"ubuntu", "22.04", "jammy", "2027-04-01"},
		{"ubuntu", "22.10", "kinetic", "2023-07-20"},
		{"ubuntu", "23.04", "lunar", "2024-01-20"},
		{"ubuntu", "23.10", "mantic", "2024-07-12"},
		{"ubuntu", "24.04", "noble", "2029-05-31"},
		{"ubuntu", "24.10", "oracular", "2025-07-10"},
		{"ubuntu", "25.04", "plucky", "2026-01-17"},
		{"ubuntu", "25.10", "questing", "2026-07-01"},

		{"alpine", "3.10", "", "2021-05-01"},
		{"alpine", "3.11", "", "2021-11-01"},
		{"alpine", "3.12", "", "2022-05-01"},
		{"alpine", "3.13", "", "2022-11-01"},
		{"alpine", "3.14", "", "2023-05-01"},
		{"alpine", "3.15", "", "2023-11-01"},
		{"alpine", "3.16", "", "2024-05-23"},
		{"alpine", "3.17", "", "2024-11-22"},
		{"alpine", "3.18", "", "2025-05-09"},
		{"alpine", "3.19", "", "2025-11-01"},
		{"alpine", "3.20", "", "2026-04-01"},
		{"alpine", "3.21", "", "2026-11-01"},
		{"alpine", "3.22", "", "2027-05-01"},
		{"alpine", "3.23", "", "2027-11-01"},

		{"rhel", "7", "", "2024-06-30"},
		{"rhel", "8", "", "2029-05-31"},
		{"rhel", "9", "", "2032-05-31"},
		{"centos", "7", "", "2024-06-30"},
		{"centos", "8", "", "2021-12-31"},  // CentOS Linux 8; Stream 8 ended 2024-05-31
		{"centos", "9", "", "2027-05-31"},  // CentOS Stream 9
		{"centos", "10", "", "2030-01-01"}, // CentOS Stream 10
		{"rocky", "8", "", "2029-05-31"},
		{"rocky", "9", "", "2032-05-31"},
		{"almalinux", "8", "", "2029-03-01"},
		{"almalinux", "9", "", "2032-05-31"},
		{"almalinux", "10", "", "2035-05-31"},
	}
}

// normalise reduces an os-release VERSION_ID to the release the table is
// keyed by: the major version for Debian and the RHEL family ("12.5" →
// "12", "8.9" → "8"), major.minor for Alpine and Ubuntu ("3.19.1" → "3.19").
func normalise(distro, version string) string {
	version = strings.TrimSpace(version)
	parts := strings.Split(version, ".")
	switch distro {
	case "alpine", "ubuntu":
		if len(parts) >= 2 {
			return parts[0] + "." + parts[1]
		}
		return version
	case "debian", "rhel", "centos", "rocky", "almalinux":
		return parts[0]
	}
	return version
}

// Lookup returns the last supported day of a release, as UTC midnight, and
// whether the table knows the release. distroID and versionID are
// os-release's ID and VERSION_ID.
func Lookup(distroID, versionID string) (date time.Time, known bool) {
	distroID = strings.ToLower(strings.TrimSpace(distroID))
	v := normalise(distroID, versionID)
	if v == "" {
		return time.Time{}, false
	}
	for _, r := range releases() {
		if r.distro == distroID && r.version == v {
			return parseDate(r.eol), true
		}
	}
	return time.Time{}, false
}

// lookupCodename finds a release by VERSION_CODENAME, for Debian and Ubuntu
// releases whose os-release omits VERSION_ID.
func lookupCodename(distroID, codename string) (time.Time, bool) {
	distroID = strings.ToLower(strings.TrimSpace(distroID))
	codename = strings.ToLower(strings.TrimSpace(codename))
	if codename == "" {
		return time.Time{}, false
	}
	for _, r := range releases() {
		if r.distro == distroID && r.codename == codename {
			return parseDate(r.eol), true
		}
	}
	return time.Time{}, false
}

// EOL reports whether d is end of life at now: now is after the last
// supported day (in UTC). date is that day; known is false when the table
// does not know the release (then eol is false and date is zero). A nil d
// is unknown.
func EOL(d *inventory.Distro, now time.Time) (eol bool, date time.Time, known bool) {
	if d == nil {
		return false, time.Time{}, false
	}
	date, known = Lookup(d.ID, d.VersionID)
	if !known && strings.TrimSpace(d.VersionID) == "" {
		date, known = lookupCodename(d.ID, d.Codename)
	}
	if !known {
		return false, time.Time{}, false
	}
	return !now.UTC().Before(date.AddDate(0, 0, 1)), date, true
}

// parseDate parses a table date. The table is constant and its every row is
// parsed by TestTableDates, so a bad row cannot ship; a bad row would yield
// the zero time rather than a panic.
func parseDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
