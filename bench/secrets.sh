#!/usr/bin/env bash
# bench/secrets.sh — Ward beside gitleaks v8 and `trivy fs --scanners secret`
# on the same large source tree, in one run: median wall time, peak RSS,
# findings, and how many of a set of planted fake secrets each tool finds.
#
#   bench/secrets.sh                # the k8s.io/kubernetes module source (go mod download)
#   TREE=/some/dir bench/secrets.sh # another tree
#   RUNS=5 bench/secrets.sh
#
# Peers:
#   go install github.com/zricethezav/gitleaks/v8@v8.30.1
#   GOEXPERIMENT=jsonv2 go install github.com/aquasecurity/trivy/cmd/trivy@v0.74.0
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
K8S_VERSION=${K8S_VERSION:-v1.37.2}
GOBIN=$(go env GOPATH)/bin
GITLEAKS=${GITLEAKS:-$(command -v gitleaks || echo "$GOBIN/gitleaks")}
TRIVY=${TRIVY:-$(command -v trivy || echo "$GOBIN/trivy")}
[ -x "$GITLEAKS" ] || { echo "gitleaks not found: go install github.com/zricethezav/gitleaks/v8@v8.30.1" >&2; exit 1; }
[ -x "$TRIVY" ] || { echo "trivy not found: GOEXPERIMENT=jsonv2 go install github.com/aquasecurity/trivy/cmd/trivy@v0.74.0" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 1; }

make -s build
WARD=$PWD/bin/ward
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${TREE:-}" ]; then
  src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  TREE_NAME="k8s.io/kubernetes@$K8S_VERSION module source"
else
  src=$TREE; TREE_NAME=$TREE
fi
tree=$work/tree
cp -r "$src" "$tree"; chmod -R u+w "$tree"
python3 bench/plant_secrets.py "$tree" > "$work/planted.json"
files=$(find "$tree" -type f | wc -l); bytes=$(du -sb "$tree" | cut -f1)

export TRIVY_CACHE_DIR=$work/trivy-cache
ward_cmd=("$WARD" secret -q --no-progress -f json -o "$work/ward.json" "$tree")
gitleaks_cmd=("$GITLEAKS" dir --no-banner --log-level error --exit-code 0 -f json -r "$work/gitleaks.json" "$tree")
trivy_cmd=("$TRIVY" fs --scanners secret --skip-db-update --quiet -f json -o "$work/trivy.json" "$tree")

measure() { # name cmd... → appends "wall rss_kb" per run
  local name=$1; shift
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/t" >> "$work/$name.times"
  done
}
# Warm-up (page cache, Trivy's cache dir), not timed.
"${ward_cmd[@]}" >/dev/null 2>&1 || true; "${gitleaks_cmd[@]}" >/dev/null 2>&1 || true; "${trivy_cmd[@]}" >/dev/null 2>&1 || true
measure ward "${ward_cmd[@]}"
measure gitleaks "${gitleaks_cmd[@]}"
measure trivy "${trivy_cmd[@]}"

python3 - "$work" "$TREE_NAME" "$files" "$bytes" "$RUNS" <<'PY'
import json, os, statistics, sys
work, name, files, nbytes, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
tree = os.path.join(work, "tree")
planted = json.load(open(os.path.join(work, "planted.json")))
def rel(p):
    p = p.replace("\\", "/")
    return os.path.relpath(p, tree) if os.path.isabs(p) else p.split("tree/", 1)[-1]
def hits(tool):
    out = set()
    try:
        d = json.load(open(os.path.join(work, tool + ".json")))
    except Exception:
        return out, 0
    if tool == "ward":
        items = [(f["location"]["path"], f["location"].get("startLine")) for f in d["findings"]]
    elif tool == "gitleaks":
        items = [(f["File"], f["StartLine"]) for f in d]
    else:
        items = [(r["Target"], s["StartLine"]) for r in d.get("Results") or [] for s in r.get("Secrets") or []]
    return {(rel(p), l) for p, l in items}, len(items)
print(f"tree: {name}: {files} files, {nbytes/1e6:.0f} MB; {len(planted)} planted secrets; {runs} runs each; {os.cpu_count()} cores")
print(f"{'tool':9} {'median wall s':>13} {'median RSS MB':>13} {'findings':>9} {'planted found':>14}")
res = {}
for tool in ["ward", "gitleaks", "trivy"]:
    rows = [l.split() for l in open(os.path.join(work, tool + ".times")) if l.strip()]
    wall = statistics.median(float(r[0]) for r in rows); rss = statistics.median(int(r[1]) for r in rows) / 1024
    found, n = hits(tool)
    got = sum(1 for p in planted if any(fp == p["path"] and (p["line"] is None or fl == p["line"]) for fp, fl in found))
    res[tool] = (wall, rss, got)
    print(f"{tool:9} {wall:13.2f} {rss:13.0f} {n:9d} {got:>8d}/{len(planted)}")
w = res["ward"]
print(f"ward speed-up: {res['gitleaks'][0]/w[0]:.1f}x vs gitleaks, {res['trivy'][0]/w[0]:.1f}x vs trivy; ward peak RSS {w[1]:.0f} MB")
PY
