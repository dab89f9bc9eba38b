#!/bin/sh
# Rebuilds the test databases from testdata/headers/*.hdr (written by the
# test encoder: go test -run TestWriteHeaders -update). Needs perl with
# DB_File (BerkeleyDB) and the sqlite3 shell. The data is synthetic,
# written for Ward's tests.
set -eu
cd "$(dirname "$0")"

# BerkeleyDB hash, 512-byte pages so that large headers go to overflow
# pages and small ones stay inline; key 0 holds rpm's instance counter.
# Packages.be is the same database as written by a big-endian host.
mkbdb() {
	rm -f "$1"
	perl -MDB_File -e '
		my ($file, $lorder, $keyfmt) = @ARGV;
		my $info = DB_File::HASHINFO->new();
		$info->{bsize} = 512;
		$info->{lorder} = $lorder;
		tie my %db, "DB_File", $file, O_RDWR|O_CREAT, 0644, $info or die "tie: $!";
		my $n = 0;
		for my $f (sort glob("headers/*.hdr")) {
			open(my $fh, "<:raw", $f) or die "$f: $!";
			local $/; my $blob = <$fh>; close $fh;
			$n++;
			$db{pack($keyfmt, $n)} = $blob;
		}
		$db{pack($keyfmt, 0)} = pack($keyfmt, $n + 1);
		untie %db;
	' "$1" "$2" "$3"
}
mkbdb Packages 1234 V
mkbdb Packages.be 4321 N

# SQLite with rpm's schema, 512-byte pages: interior b-tree pages and
# overflow chains.
rm -f rpmdb.sqlite
{
	echo "PRAGMA page_size = 512;"
	echo "CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);"
	echo "CREATE TABLE 'Name' (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, FOREIGN KEY(hnum) REFERENCES 'Packages'(hnum));"
	for f in headers/*.hdr; do
		echo "INSERT INTO Packages (blob) VALUES (readfile('$f'));"
	done
} | sqlite3 rpmdb.sqlite
