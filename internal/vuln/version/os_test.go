package version

import "testing"

// Debian Policy §5.6.12 "Version":
// https://www.debian.org/doc/debian-policy/ch-controlfields.html#version
// ("~~", "~~a", "~", the empty part, "a" sort in this order; epochs;
// absent revision; digit runs compared numerically).
var dpkgOrdered = []string{
	"0.9",
	"1.0~~",
	"1.0~~a",
	"1.0~",
	"1.0~rc1",
	"1.0~rc2",
	"1.0",
	"1.0-0.1",
	"1.0-1",
	"1.0-1ubuntu1",
	"1.0-1+deb12u1",
	"1.0-2",
	"1.0a",
	"1.0+dfsg-1",
	"1.0.1",
	"1.9",
	"1.10",
	"1:0.1",
	"2:0.0.1",
}

func TestDpkgOrder(t *testing.T) { testOrder(t, Dpkg{}, dpkgOrdered) }

func TestDpkgPairs(t *testing.T) {
	testPairs(t, Dpkg{}, []pair{
		eq("1.0", "0:1.0"),
		eq("1.0", "1.0-0"),
		eq("1.0", " 1.0 "),
		eq("1.01", "1.1"),
		eq("1.0-1", "1.0-01"),
		gt("1:0.1", "9.9"),
		lt("2.30-2", "2.30-10"),
		gt("1.2.3-1", "1.2.3~bpo1-1"),
		lt("7.4.052-1ubuntu3", "7.4.052-1ubuntu3.1"),
		gt("1.0-1-1", "1.0-1"), // upstream "1.0-1" contains a hyphen
		lt("1.0a", "1.0+"),     // letters before non-letters
		lt("1.0a", "1.0b"),
		lt("1:1.0~rc1", "1:1.0"),
	})
}

func TestDpkgInvalid(t *testing.T) {
	testInvalid(t, Dpkg{}, "1.0", []string{
		"", "a1.0", "1.0-", ":1.0", "x:1.0", "1.0 1", "1.0_1", "1.0-1_1", "99999999999:1.0", "-1",
	})
}

func FuzzDpkg(f *testing.F) { fuzzComparer(f, Dpkg{}, dpkgOrdered) }

// apk-tools version format, APKBUILD reference (pkgver, pkgrel):
// https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver and
// https://wiki.alpinelinux.org/wiki/Package_policies ("_alpha", "_beta",
// "_pre", "_rc" before the release; "_cvs", "_svn", "_git", "_hg", "_p"
// after it; "-rN" the package release).
var apkOrdered = []string{
	"0.9.9",
	"1.0_alpha",
	"1.0_alpha1",
	"1.0_alpha2",
	"1.0_alpha10",
	"1.0_beta1",
	"1.0_pre1",
	"1.0_rc1",
	"1.0_rc1-r1",
	"1.0",
	"1.0-r1",
	"1.0-r2",
	"1.0-r10",
	"1.0_cvs20200101",
	"1.0_svn1",
	"1.0_git20240101",
	"1.0_hg1",
	"1.0_p1",
	"1.0_p1-r3",
	"1.0_p2",
	"1.0a",
	"1.0b",
	"1.0.1",
	"1.2",
	"1.10",
	"2.0_alpha1",
	"20240101",
}

func TestAPKOrder(t *testing.T) { testOrder(t, APK{}, apkOrdered) }

func TestAPKPairs(t *testing.T) {
	testPairs(t, APK{}, []pair{
		eq("1.0", "1.0"),
		eq("1.0-r0", "1.0-r0"),
		gt("1.0-r0", "1.0"), // a revision makes the version longer
		lt("1.01", "1.1"),   // leading zero after "."
		lt("1.001", "1.01"),
		gt("1.0.0", "1.0"),
		lt("1.2.3_rc1_p1", "1.2.3"),
		lt("1.2.3_p1_rc1", "1.2.3_p1"), // a pre-release of the _p1 release
		gt("1.2.3_p1_rc1", "1.2.3"),
		lt("1.2.3_p1_rc1", "1.2.3_p2"),
		gt("3.0.8-r0", "3.0.7-r5"),
		// Malformed but accepted by apk-tools (seen in Alpine's secdb):
		// an empty number is 0.
		gt("4.8.0.-r1", "4.8.0"),
		gt("0.8.21.r2", "0.8.21"),
		eq("1.0-r", "1.0-r0"),
		gt("99999999999999999999.1", "99999999999999999999.0"), // no overflow
	})
}

func TestAPKInvalid(t *testing.T) {
	testInvalid(t, APK{}, "1.0", []string{
		"", "a1.0", "1.0_foo", "1.0_", "1.0-1", "4.10-1-r1", "1.0A", "1.0_rc1.2", "1.0ab", "1.0-r1_p1", "1.0a.1",
	})
}

func FuzzAPK(f *testing.F) { fuzzComparer(f, APK{}, apkOrdered) }

// rpm version comparison (rpmvercmp) as the RPM reference manual and the
// Fedora packaging guidelines describe it:
// https://rpm-software-management.github.io/rpm/manual/dependencies.html#versioning
// https://docs.fedoraproject.org/en-US/packaging-guidelines/Versioning/
// ("~" sorts before the release: 1.0~rc1 < 1.0; "^" after it but before
// the next version: 1.0 < 1.0^20200101git1 < 1.0.1).
var rpmOrdered = []string{
	"0.9-1",
	"1.0~rc1-1",
	"1.0~rc1^git1-1",
	"1.0~rc2-1",
	"1.0",
	"1.0-1",
	"1.0-1.el9",
	"1.0-1.el9_1",
	"1.0-2.el9",
	"1.0-10.el9",
	"1.0^20200101git1-1",
	"1.0a-1",
	"1.0.1-1",
	"1.1-1",
	"1.10-1",
	"1:0.1-1",
}

func TestRPMOrder(t *testing.T) { testOrder(t, RPM{}, rpmOrdered) }

func TestRPMPairs(t *testing.T) {
	testPairs(t, RPM{}, []pair{
		eq("1.0-1", "0:1.0-1"),
		eq("1.0", "1_0"), // separators are skipped
		eq("1..0", "1.0"),
		eq("10.0001", "10.1"),
		gt("2.0.1", "2.0"),
		gt("2.0.1a", "2.0.1"),
		lt("5.5p1", "5.5p2"),
		gt("5.5p10", "5.5p1"),
		lt("10xyz", "10.1xyz"),
		lt("xyz10", "xyz10.1"),
		lt("xyz.4", "8"),
		gt("6.0.rc1", "6.0"),
		gt("10b2", "10a1"),
		lt("1.0aa", "1.0aaa"),
		lt("4.999.9", "5.0"),
		gt("1.0", "1.fc4"), // digits sort after letters
		gt("2.0", "2a"),
		lt("1.0~rc1~git123", "1.0~rc1"),
		gt("1.0^", "1.0"),
		lt("1.0^git1", "1.0.1"),
		gt("1.0^20160101^git1", "1.0^20160101"),
		lt("1.0^git1~pre", "1.0^git1"),
		gt("1:4.18.0-477.10.1.el8_8", "4.18.0-553.el8_10"),
		gt("0:4.18.0-553.el8_10", "0:4.18.0-477.10.1.el8_8"),
	})
}

func TestRPMInvalid(t *testing.T) {
	testInvalid(t, RPM{}, "1.0", []string{"", "a:1.0", "1.0-", "-1", "1.0 1", "1:2:3"})
}

func FuzzRPM(f *testing.F) { fuzzComparer(f, RPM{}, rpmOrdered) }
