#!/usr/bin/env bash
# bench/image.sh — Ward beside syft (inventory) and osv-scanner (vulnerabilities,
# offline, from the same OSV data) on the same container image and source tree,
# in one run. Prints median wall time and peak RSS of each.
#
#   bench/image.sh              # 5 runs each
#   RUNS=9 bench/image.sh
#
# The image is a Debian 12 root filesystem (debootstrap --variant=minbase,
# cached in the user cache directory) imported into the local Docker engine,
# plus one layer holding an 800 MB file, saved as a docker-archive: about 1 GB.
# The vulnerability data is ../shared/vulndata/debian/bookworm-changelog-osv
# (Debian 12) and ../shared/vulndata/go/osv (Go), imported by Ward and zipped
# into osv-scanner's offline database layout.
#
# Tools (not installed by this script):
#   go install github.com/anchore/syft/cmd/syft@v1.57.1
#   GOTOOLCHAIN=go1.27.3 go install github.com/google/osv-scanner/v2/cmd/osv-scanner@v2.6.0
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SHARED=${SHARED:-../shared}
GOBIN=$(go env GOPATH)/bin
SYFT=${SYFT:-$(command -v syft || echo "$GOBIN/syft")}
OSV=${OSV:-$(command -v osv-scanner || echo "$GOBIN/osv-scanner")}
for t in "$SYFT" "$OSV" /usr/bin/time; do [ -x "$t" ] || { echo "missing $t (see the header of this script)" >&2; exit 1; }; done
command -v docker >/dev/null || { echo "the Docker engine is needed to build the image" >&2; exit 1; }

make -s build
WARD=$PWD/bin/ward
work=$(mktemp -d)
trap 'rm -rf "$work"; docker rmi -f ward-bench/bookworm:1g ward-bench/bookworm:base >/dev/null 2>&1 || true' EXIT

# The image.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/ward-testdata
rootfs=$cache/bookworm-rootfs
if [ ! -f "$rootfs/var/lib/dpkg/status" ]; then
  mkdir -p "$cache"
  debootstrap --variant=minbase bookworm "$rootfs.tmp" http://deb.debian.org/debian >/dev/null
  mv "$rootfs.tmp" "$rootfs"
fi
tar -C "$rootfs" -c . | docker import - ward-bench/bookworm:base >/dev/null
printf 'FROM ward-bench/bookworm:base\nRUN head -c 800000000 /dev/urandom > /blob\nCMD ["/bin/bash"]\n' | docker build -q -t ward-bench/bookworm:1g - >/dev/null
docker save -o "$work/image.tar" ward-bench/bookworm:1g
size=$(du -m "$work/image.tar" | cut -f1)

# The same OSV data for both scanners.
export XDG_CACHE_HOME=$work/cache
"$WARD" db import --db "$work/vuln.db" "$SHARED/vulndata/debian/bookworm-changelog-osv" "$SHARED/vulndata/go/osv" >/dev/null
# osv-scanner v2.6 reads <dir>/osv-scalibr/<ecosystem>/all.zip (older
# releases: osv-scanner/<ecosystem>/all.zip).
mkdir -p "$work/osvdb/osv-scalibr/Debian" "$work/osvdb/osv-scalibr/Go"
(cd "$SHARED/vulndata/debian/bookworm-changelog-osv" && zip -q -r "$work/osvdb/osv-scalibr/Debian/all.zip" .)
(cd "$SHARED/vulndata/go/osv" && zip -q -r "$work/osvdb/osv-scalibr/Go/all.zip" .)

# The source tree: this repository (go.mod and the test fixtures' lockfiles).
src=$PWD

measure() { # name cmd... → "wall_s rss_kb" lines in $work/<name>.times
  local name=$1; shift
  "$@" >/dev/null 2>&1 || true # warm-up
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/t" >> "$work/$name.times"
  done
}
export SYFT_CHECK_FOR_APP_UPDATE=false
# Ward's cold rows read every layer (--no-cache); the warm row takes every
# layer from the per-layer cache filled by its warm-up run (a rescan of an
# image whose layers were seen before).
measure ward-inventory "$WARD" sbom --no-cache --input "$work/image.tar" -o "$work/ward.cdx.json"
measure syft-inventory "$SYFT" scan "docker-archive:$work/image.tar" -o "cyclonedx-json=$work/syft.cdx.json" -q
measure ward-vuln "$WARD" image --no-cache --db "$work/vuln.db" --input "$work/image.tar" -f json -o "$work/ward-vuln.json"
measure ward-vuln-warm "$WARD" image --db "$work/vuln.db" --input "$work/image.tar" -f json -o "$work/ward-vuln-warm.json"
export OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY=$work/osvdb
measure osv-vuln "$OSV" scan image --archive --offline --format json --output-file "$work/osv-vuln.json" "$work/image.tar"
measure ward-src "$WARD" fs --scanners vuln --db "$work/vuln.db" "$src" -f json -o "$work/ward-src.json"
measure osv-src "$OSV" scan source -r --offline --format json --output-file "$work/osv-src.json" "$src"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
row() { printf '%-16s %14s %14s\n' "$1" "$(cut -d' ' -f1 "$work/$1.times" | median)" "$(( $(cut -d' ' -f2 "$work/$1.times" | median) / 1024 ))"; }
echo "image: Debian 12 minbase + an 800 MB layer, docker-archive of $size MB; source tree: $src; $RUNS runs each; $(nproc) cores"
printf '%-16s %14s %14s\n' task "median wall s" "median RSS MB"
for n in ward-inventory syft-inventory ward-vuln ward-vuln-warm osv-vuln ward-src osv-src; do row "$n"; done
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
def comps(p):
    d = json.load(open(p))
    return {(c.get("name"), c.get("version")) for c in d.get("components", []) if c.get("type") == "library" or c.get("purl", "").startswith("pkg:deb")}
ward, syft = comps(w + "/ward.cdx.json"), comps(w + "/syft.cdx.json")
deb = lambda s: {x for x in s}
print("packages: ward %d, syft %d, both %d" % (len(ward), len(syft), len(ward & syft)))
for name, only in (("only ward", ward - syft), ("only syft", syft - ward)):
    print("  %s (%d): %s" % (name, len(only), ", ".join(sorted("%s@%s" % x for x in only)[:40])))
# Compared by record ID: Ward reports each affected binary package
# (libapt-pkg6.0 and apt), osv-scanner each source package (apt).
def ward_vulns(p):
    return {(f["checkID"],) for f in json.load(open(p))["findings"] if f.get("domain") == "vuln"}
def osv_vulns(p):
    try:
        d = json.load(open(p))
    except Exception as e:
        print("  osv-scanner output %s unreadable: %s" % (p, e))
        return set()
    return {(v["id"],) for r in d.get("results") or [] for pk in r.get("packages") or [] for v in pk.get("vulnerabilities") or []}
for what, wf, of in (("image", "/ward-vuln.json", "/osv-vuln.json"), ("source tree", "/ward-src.json", "/osv-src.json")):
    a, b = ward_vulns(w + wf), osv_vulns(w + of)
    print("%s vulnerability records: ward %d, osv-scanner %d, both %d" % (what, len(a), len(b), len(a & b)))
    for name, only in (("only ward", a - b), ("only osv-scanner", b - a)):
        if only:
            print("  %s (%d): %s" % (name, len(only), ", ".join(sorted(x[0] for x in only)[:30])))
PY
