//go:build integration

package rpm

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/inventory/extract"
)

// TestRealDatabases runs the extractor on rpm databases written by the real
// rpm tool and compares what it reads with `rpm -qa` on the same database.
//
// The packages are built by rpmbuild from the specs in realSpecs and
// installed with `rpm -i --justdb`. Each backend the installed rpm can write
// gets its own database: Debian 12's rpm 4.18 (the CI's) is built with the
// sqlite backend only, so
//
//   - sqlite: written and read back by rpm;
//   - ndb, bdb: tried, and compared when the installed rpm writes them.
//     Debian's rpm answers "invalid %_db_backend" and falls back to a dummy
//     database for both (it has no ndb code at all, and only the read-only
//     bdb_ro for BerkeleyDB), which the subtest logs;
//   - bdb_libdb, bdb_libdb_be: the header blobs rpm wrote, exported with
//     `rpmdb --exportdb`, stored by libdb itself (Perl's DB_File, which
//     rpm's Debian package pulls in) in a hash database laid out as rpm's
//     bdb backend lays it out (4-byte record number keys, key 0 the
//     instance counter), little- and big-endian; the oracle is real rpm
//     reading it with its bdb_ro backend.
//
// Two comparisons per database: every record (name, epoch, version,
// release, arch, source RPM, licence, as rpm's header tags) read by the
// extractor's database reader against `rpm -qa`, which also compares the
// record count; and the packages Extract returns against the oracle's
// records formatted as the extractor formats them (epoch 0 left off,
// source name and version split from SOURCERPM, the same name and version
// for two architectures one package).
func TestRealDatabases(t *testing.T) {
	for _, tool := range []string{"rpm", "rpmbuild", "rpmdb", "perl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found (%v): install the real rpm tool with `apt-get install -y rpm` (it brings rpmbuild, rpmdb and perl)", tool, err)
		}
	}
	r := &rpmTool{home: t.TempDir()}
	rpms := r.buildPackages(t)

	// The sqlite database is written first: the BerkeleyDB databases of
	// libdb are filled with the headers rpm wrote into it.
	sqliteDir := filepath.Join(r.home, "db-sqlite")
	if msg := r.writeDB(t, sqliteDir, "sqlite", rpms); msg != "" {
		t.Fatalf("rpm cannot write its sqlite database: %s", msg)
	}
	blobs := r.exportHeaders(t, sqliteDir, "sqlite")
	if len(blobs) != len(rpms) {
		t.Fatalf("rpmdb --exportdb wrote %d headers, want %d (one per installed package)", len(blobs), len(rpms))
	}
	// wardtest-big's header must span many 4 KiB pages of both formats.
	if n := len(slices.MaxFunc(blobs, func(a, b []byte) int { return len(a) - len(b) })); n < 32<<10 {
		t.Fatalf("largest header is %d bytes, want over 32 KiB (overflow chains)", n)
	}

	tests := []struct {
		name string
		// write is the rpm backend that writes the database ("" when the
		// test writes it with libdb), read the backend the oracle reads it
		// with; file is the database file, path the scan-root path the
		// extractor is given.
		write, read string
		file, path  string
		// lorder is the byte order of a libdb-written database.
		lorder int
	}{
		{name: "sqlite", write: "sqlite", read: "sqlite", file: "rpmdb.sqlite", path: SysimageSQLite},
		{name: "ndb", write: "ndb", read: "ndb", file: "Packages.db", path: SysimageNDBPath},
		{name: "bdb", write: "bdb", read: "bdb", file: "Packages", path: BerkeleyPath},
		{name: "bdb_libdb", read: "bdb_ro", file: "Packages", path: BerkeleyPath, lorder: 1234},
		{name: "bdb_libdb_be", read: "bdb_ro", file: "Packages", path: BerkeleyPath, lorder: 4321},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(r.home, "db-"+tt.name)
			switch {
			case tt.write == "sqlite":
				dir = sqliteDir // written above
			case tt.write != "":
				if msg := r.writeDB(t, dir, tt.write, rpms); msg != "" {
					// Not a skip: the installed rpm has no writer for this
					// backend, so there is no real database to read (see the
					// function comment).
					t.Logf("rpm cannot write a %s database here, nothing to compare: %s", tt.write, msg)
					return
				}
			default:
				writeLibDB(t, filepath.Join(dir, tt.file), tt.lorder, blobs)
			}
			dbPath := filepath.Join(dir, tt.file)
			oracle := r.query(t, dir, tt.read)
			checkFixture(t, oracle)
			if tt.write == "sqlite" {
				// The extractor does not read the write-ahead log: rpm must
				// have checkpointed it into the database on close.
				if fi, err := os.Stat(dbPath + "-wal"); err == nil && fi.Size() > 0 {
					t.Errorf("rpm left %d bytes in %s-wal, which the extractor does not read", fi.Size(), tt.file)
				}
			}
			data, err := os.ReadFile(dbPath)
			if err != nil {
				t.Fatalf("rpm wrote no %s: %v", tt.file, err)
			}

			// Every record, as the database reader returns it.
			var got []oracleRow
			db := &dbFile{r: bytes.NewReader(data), size: int64(len(data)), path: tt.path, maxBlob: DefaultMaxHeaderSize, budget: readBudget(int64(len(data)))}
			err = readDatabase(context.Background(), db, func(record string, blob []byte, recErr error) error {
				if recErr != nil {
					return recErr
				}
				h, err := parseHeader(blob)
				if err != nil {
					return fmt.Errorf("%s: %w", record, err)
				}
				got = append(got, rowFromHeader(h, blob))
				return nil
			})
			if err != nil {
				t.Fatalf("read %s: %v", tt.file, err)
			}
			if len(got) != len(oracle) {
				t.Errorf("database reader returned %d records, rpm -qa lists %d", len(got), len(oracle))
			}
			if diff := cmp.Diff(sortedRows(oracle), sortedRows(got)); diff != "" {
				t.Errorf("records (-rpm -qa +extractor):\n%s", diff)
			}

			// The packages, through the extractor's API.
			e := newExtractor(t, Config{})
			if !e.Required(tt.path, int64(len(data)), 0o644) {
				t.Fatalf("Required(%q) = false", tt.path)
			}
			pkgs, err := e.Extract(context.Background(), extract.Input{Path: tt.path, Reader: bytes.NewReader(data), Size: int64(len(data)), Mode: 0o644})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			want := wantPackages(t, oracle, tt.path)
			gotInv := inventory.Inventory{Packages: pkgs}
			gotInv.Sort()
			if len(pkgs) != len(want) {
				t.Errorf("Extract returned %d packages, want %d (%d records of rpm -qa, one per name and version)", len(pkgs), len(want), len(oracle))
			}
			if diff := cmp.Diff(want, gotInv.Packages); diff != "" {
				t.Errorf("Extract (-want from rpm -qa +got):\n%s", diff)
			}
		})
	}
}

// realSpec is one spec file and the architectures it is built for.
type realSpec struct {
	name    string
	text    string
	targets []string
}

// realSpecs are the packages installed into every database:
//
//   - wardtest-epoch: Epoch 2, noarch;
//   - wardtest-big: a description of about 60 KiB, so its header spans many
//     SQLite and BerkeleyDB pages (overflow chains), one small file, a caret
//     version;
//   - wardtest-src and its subpackage wardtest-src-libs: a binary package
//     named unlike its source package, a tilde version, a compound licence;
//   - wardtest-multi: Epoch 0, built for x86_64 and i686, so two records
//     share a name and version.
func realSpecs() []realSpec {
	var long strings.Builder
	for i := range 600 {
		fmt.Fprintf(&long, "Line %03d of a long description: it makes the header of this package larger than a database page.\n", i)
	}
	return []realSpec{
		{name: "wardtest-epoch", targets: []string{"noarch"}, text: `Name: wardtest-epoch
Version: 1.2.3
Release: 4.el9
Epoch: 2
Summary: A package with an epoch
License: MIT
BuildArch: noarch
%description
A package with an epoch.
%files
`},
		{name: "wardtest-big", targets: []string{"x86_64"}, text: `Name: wardtest-big
Version: 4.5^git20240101
Release: 1.fc40
Summary: A package with a large header
License: LGPL-2.1-or-later
%description
` + long.String() + `
%install
mkdir -p %{buildroot}/usr/share/wardtest-big
echo hello > %{buildroot}/usr/share/wardtest-big/hello.txt
%files
/usr/share/wardtest-big/hello.txt
`},
		{name: "wardtest-src", targets: []string{"x86_64"}, text: `Name: wardtest-src
Version: 1.0~rc1
Release: 7.el8_9
Summary: A source package with a subpackage
License: GPL-2.0-or-later AND (MIT OR BSD-3-Clause)
%description
A source package with a subpackage.
%package libs
Summary: The subpackage
%description libs
The subpackage.
%files
%files libs
`},
		{name: "wardtest-multi", targets: []string{"x86_64", "i686"}, text: `Name: wardtest-multi
Version: 3.1
Release: 1
Epoch: 0
Summary: A package for two architectures
License: ASL 2.0
%description
A package for two architectures.
%files
`},
	}
}

// rpmTool runs rpm, rpmbuild and rpmdb with HOME in a temporary directory,
// so no ~/.rpmmacros applies.
type rpmTool struct {
	home string
}

// run runs a command and returns its standard output and error.
func (r *rpmTool) run(t *testing.T, name string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Env = append(os.Environ(), "HOME="+r.home, "LC_ALL=C")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

func (r *rpmTool) mustRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, errOut, err := r.run(t, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errOut)
	}
	return out
}

// buildPackages builds realSpecs with rpmbuild and returns the binary rpms.
func (r *rpmTool) buildPackages(t *testing.T) []string {
	t.Helper()
	top := filepath.Join(r.home, "rpmbuild")
	for _, s := range realSpecs() {
		spec := filepath.Join(r.home, s.name+".spec")
		if err := os.WriteFile(spec, []byte(s.text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, target := range s.targets {
			r.mustRun(t, "rpmbuild", "-bb", "--quiet", "--nodeps", "--target", target,
				"--define", "_topdir "+top, "--define", "_tmppath "+filepath.Join(r.home, "tmp"),
				"--define", "dist %{nil}", spec)
		}
	}
	rpms, err := filepath.Glob(filepath.Join(top, "RPMS", "*", "*.rpm"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rpms) != 6 {
		t.Fatalf("rpmbuild wrote %d packages, want 6: %q", len(rpms), rpms)
	}
	return rpms
}

// writeDB creates a database of backend in dir and installs rpms into it.
// It returns rpm's message when rpm has no writer for the backend.
func (r *rpmTool) writeDB(t *testing.T, dir, backend string, rpms []string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := []string{"--dbpath", dir, "--define", "_db_backend " + backend}
	_, errOut, err := r.run(t, "rpm", append(db, "--initdb")...)
	// An unknown or read-only backend: rpm warns "invalid %_db_backend: X"
	// and "using dummy database, installs not possible".
	if strings.Contains(errOut, "invalid %_db_backend") || strings.Contains(errOut, "dummy database") {
		return strings.TrimSpace(errOut)
	}
	if err != nil {
		t.Fatalf("rpm --initdb (%s): %v\n%s", backend, err, errOut)
	}
	args := append(append([]string{"-i", "--justdb", "--nodeps", "--noscripts", "--ignorearch", "--ignoreos"}, db...), rpms...)
	r.mustRun(t, "rpm", args...)
	return ""
}

// exportHeaders returns the header blobs of a database as rpm exports them
// (`rpmdb --exportdb`: each header preceded by its 8-byte magic), which
// are the blobs rpm stores.
func (r *rpmTool) exportHeaders(t *testing.T, dir, backend string) [][]byte {
	t.Helper()
	out := []byte(r.mustRun(t, "rpmdb", "--exportdb", "--dbpath", dir, "--define", "_db_backend "+backend))
	magic := []byte{0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0}
	var blobs [][]byte
	for len(out) > 0 {
		if len(out) < 16 || !bytes.Equal(out[:8], magic) {
			t.Fatalf("rpmdb --exportdb: no header magic at % x", out[:min(len(out), 16)])
		}
		il, dl := binary.BigEndian.Uint32(out[8:12]), binary.BigEndian.Uint32(out[12:16])
		n := 8 + 16*int(il) + int(dl)
		if len(out) < 8+n {
			t.Fatalf("rpmdb --exportdb: header of %d bytes cut at %d", n, len(out)-8)
		}
		blobs = append(blobs, out[8:8+n])
		out = out[8+n:]
	}
	return blobs
}

// writeLibDB stores blobs in a BerkeleyDB hash database with libdb, through
// Perl's DB_File, as rpm's bdb backend does: key n (a 4-byte unsigned
// integer in the database's byte order) holds package n's header, key 0
// the next instance number. lorder is 1234 or 4321; the page size is
// libdb's default.
func writeLibDB(t *testing.T, file string, lorder int, blobs [][]byte) {
	t.Helper()
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"-MDB_File", "-e", `
		my ($file, $lorder, @blobs) = @ARGV;
		my $fmt = $lorder == 4321 ? "N" : "V";
		my $info = DB_File::HASHINFO->new();
		$info->{lorder} = $lorder;
		tie my %db, "DB_File", $file, O_RDWR|O_CREAT, 0644, $info or die "tie $file: $!";
		my $n = 0;
		for my $f (@blobs) {
			open(my $fh, "<:raw", $f) or die "$f: $!";
			local $/; my $blob = <$fh>; close $fh;
			$n++;
			$db{pack($fmt, $n)} = $blob;
		}
		$db{pack($fmt, 0)} = pack($fmt, $n + 1);
		untie %db or die "untie: $!";
	`, file, strconv.Itoa(lorder)}
	for i, b := range blobs {
		f := filepath.Join(dir, fmt.Sprintf("header%d.bin", i+1))
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	out, err := exec.CommandContext(t.Context(), "perl", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("write %s with perl DB_File (Debian: apt-get install -y rpm, which pulls in perl): %v\n%s", file, err, out)
	}
}

// oracleRow is one record as rpm's query formats it; Epoch is "(none)"
// when the header has no epoch.
type oracleRow struct {
	Name, Epoch, Version, Release, Arch, SourceRPM, License string
}

const oracleFormat = `%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\t%{LICENSE}\n`

// query lists the records of a database with `rpm -qa`.
func (r *rpmTool) query(t *testing.T, dir, backend string) []oracleRow {
	t.Helper()
	out := r.mustRun(t, "rpm", "-qa", "--dbpath", dir, "--define", "_db_backend "+backend, "--qf", oracleFormat)
	var rows []oracleRow
	for line := range strings.Lines(out) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 7 {
			t.Fatalf("rpm -qa: line %q has %d fields, want 7", line, len(f))
		}
		rows = append(rows, oracleRow{f[0], f[1], f[2], f[3], f[4], f[5], f[6]})
	}
	return rows
}

// checkFixture asserts the oracle holds the cases the packages are built
// for, so a change to the specs or to rpmbuild cannot quietly drop them.
func checkFixture(t *testing.T, rows []oracleRow) {
	t.Helper()
	if len(rows) != 6 {
		t.Fatalf("rpm -qa lists %d packages, want the 6 built: %+v", len(rows), rows)
	}
	has := func(what string, f func(oracleRow) bool) {
		if !slices.ContainsFunc(rows, f) {
			t.Errorf("rpm -qa lists no package %s: %+v", what, rows)
		}
	}
	has("with epoch 2", func(r oracleRow) bool { return r.Epoch == "2" })
	has("with epoch 0", func(r oracleRow) bool { return r.Epoch == "0" })
	has("without an epoch", func(r oracleRow) bool { return r.Epoch == "(none)" })
	has("named unlike its source", func(r oracleRow) bool { return !strings.HasPrefix(r.SourceRPM, r.Name+"-") })
	has("for i686", func(r oracleRow) bool { return r.Arch == "i686" })
	has("with a compound licence", func(r oracleRow) bool { return strings.Contains(r.License, " AND (") })
}

// rowFromHeader is a record as the extractor parsed it, in the oracle's
// format. The extractor keeps no architecture, so the test reads ARCH
// (tag 1022) from the blob itself.
func rowFromHeader(h header, blob []byte) oracleRow {
	epoch := "(none)"
	if h.HasEpoch {
		epoch = strconv.Itoa(int(h.Epoch))
	}
	return oracleRow{
		Name: h.Name, Epoch: epoch, Version: h.Version, Release: h.Release,
		Arch: headerString(blob, 1022), SourceRPM: h.SourceRPM, License: h.License,
	}
}

// headerString returns the string value of tag in a header blob parseHeader
// accepted (so the entries lie inside the data store), or "".
func headerString(blob []byte, tag uint32) string {
	il := binary.BigEndian.Uint32(blob[0:4])
	data := blob[headerPreamble+int(il)*indexEntrySize:]
	for i := range int(il) {
		e := blob[headerPreamble+i*indexEntrySize:]
		if binary.BigEndian.Uint32(e[0:4]) != tag || binary.BigEndian.Uint32(e[4:8]) != typeString {
			continue
		}
		s, _, _ := bytes.Cut(data[binary.BigEndian.Uint32(e[8:12]):], []byte{0})
		return string(s)
	}
	return ""
}

func sortedRows(rows []oracleRow) []oracleRow {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b oracleRow) int {
		return strings.Compare(a.Name+"\x00"+a.Arch, b.Name+"\x00"+b.Arch)
	})
	return rows
}

// sourceRPMRe splits "name-version-release.src.rpm".
var sourceRPMRe = regexp.MustCompile(`^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$`)

// wantPackages formats the oracle's records as the extractor's packages:
// version "[epoch:]version-release" with epoch 0 or none left off, the
// source package from SOURCERPM with the binary's epoch, one package per
// name and version, sorted.
func wantPackages(t *testing.T, rows []oracleRow, location string) []inventory.Package {
	t.Helper()
	var inv inventory.Inventory
	seen := map[string]bool{}
	for _, r := range rows {
		epoch := ""
		if r.Epoch != "(none)" && r.Epoch != "0" {
			epoch = r.Epoch + ":"
		}
		p := inventory.Package{
			Name: r.Name, Version: epoch + r.Version + "-" + r.Release,
			Ecosystem: inventory.RedHat, Location: location, Extractor: ID,
			Licenses: []string{r.License},
		}
		m := sourceRPMRe.FindStringSubmatch(r.SourceRPM)
		if m == nil {
			t.Fatalf("rpm -qa: package %s: source rpm %q is not name-version-release.src.rpm", r.Name, r.SourceRPM)
		}
		p.SourceName, p.SourceVersion = m[1], epoch+m[2]+"-"+m[3]
		if key := p.Name + "\x00" + p.Version; !seen[key] {
			seen[key] = true
			inv.Packages = append(inv.Packages, p)
		}
	}
	inv.Sort()
	return inv.Packages
}
