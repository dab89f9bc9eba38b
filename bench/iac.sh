#!/usr/bin/env bash
# bench/iac.sh — Ward beside `trivy config` on the same inputs, in one run.
# Prints median wall time and peak RSS of both, per input set:
#   k8s    Kubernetes manifests, Helm charts, Dockerfiles
#   cloud  Terraform (terragoat, terraform-aws-vpc, terraform-aws-eks with their
#          examples) and CloudFormation (every template snippet of
#          trivy-checks' AWS examples, one file each)
#
#   bench/iac.sh                 # 5 runs each, both sets
#   SETS=cloud bench/iac.sh      # one set
#   RUNS=9 bench/iac.sh          # more runs
#   TRIVY=/path/to/trivy bench/iac.sh
#
# Trivy v0.74.0 installs with:
#   GOEXPERIMENT=jsonv2 go install github.com/aquasecurity/trivy/cmd/trivy@v0.74.0
# Both tools run offline: Trivy with --skip-check-update (its embedded checks).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SHARED=${SHARED:-../shared}
TRIVY=${TRIVY:-$(command -v trivy || echo "$(go env GOPATH)/bin/trivy")}
[ -x "$TRIVY" ] || { echo "trivy not found; install: GOEXPERIMENT=jsonv2 go install github.com/aquasecurity/trivy/cmd/trivy@v0.74.0" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 1; }

make -s build
WARD=$PWD/bin/ward

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TRIVY_CACHE_DIR=$work/trivy-cache

# One input tree for both tools: Kubernetes manifests, Helm charts (Bitnami,
# with their `common` dependency vendored into charts/ as offline Helm needs)
# and Dockerfiles.
input_k8s() {
  local in=$1
  mkdir -p "$in/charts"
  cp -r "$SHARED/corpora/kubernetes-goat" "$in/kubernetes-goat"
  cp -r "$SHARED/corpora/kubernetes-examples" "$in/kubernetes-examples"
  for c in "$SHARED"/corpora/bitnami-charts/bitnami/*/; do
    name=$(basename "$c")
    [ "$name" = common ] && continue
    cp -r "$c" "$in/charts/$name"
    mkdir -p "$in/charts/$name/charts"
    cp -r "$SHARED/corpora/bitnami-charts/bitnami/common" "$in/charts/$name/charts/common"
  done
  # Bitnami inter-chart dependencies, vendored the same way.
  for pair in wordpress:mariadb wordpress:memcached keycloak:postgresql; do
    parent=${pair%%:*}; dep=${pair##*:}
    [ -d "$in/charts/$parent" ] && cp -r "$SHARED/corpora/bitnami-charts/bitnami/$dep" "$in/charts/$parent/charts/$dep" \
      && mkdir -p "$in/charts/$parent/charts/$dep/charts" \
      && cp -r "$SHARED/corpora/bitnami-charts/bitnami/common" "$in/charts/$parent/charts/$dep/charts/common"
  done
  echo "kubernetes-goat, kubernetes-examples, $(ls "$in/charts" | wc -l) Bitnami charts"
}

# Terraform projects and CloudFormation templates.
input_cloud() {
  local in=$1
  mkdir -p "$in/cfn"
  cp -r "$SHARED/corpora/terragoat" "$SHARED/corpora/terraform-aws-vpc" "$SHARED/corpora/terraform-aws-eks" "$in/"
  python3 - "$SHARED/corpora/trivy-checks" "$in/cfn" <<'PY'
import json, os, sys, yaml
root, out = sys.argv[1], sys.argv[2]
n = 0
for c in json.load(open(os.path.join(root, "index.json"))):
    ex = c.get("examples")
    if c.get("provider") != "aws" or not ex or not os.path.exists(os.path.join(root, ex)):
        continue
    doc = yaml.safe_load(open(os.path.join(root, ex))) or {}
    for verdict in ("good", "bad"):
        for i, snippet in enumerate((doc.get("cloudformation") or {}).get(verdict) or []):
            ext = "json" if snippet.lstrip().startswith("{") else "yaml"
            with open(os.path.join(out, f"{c['id']}-{verdict}-{i}.{ext}"), "w") as f:
                f.write(snippet)
            n += 1
PY
  echo "terragoat, terraform-aws-vpc, terraform-aws-eks, $(ls "$in/cfn" | wc -l) CloudFormation templates"
}

measure() { # name cmd... → appends "wall_s rss_kb" lines to $work/<name>.times
  local name=$1; shift
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/t" >> "$work/$name.times"
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for set in ${SETS:-k8s cloud}; do
in=$work/$set
mkdir -p "$in"
desc=$(input_$set "$in")
files=$(find "$in" -type f | wc -l)
rm -f "$work"/*.times
# Warm-up (and Trivy's cache dir), not timed.
"$TRIVY" config --skip-check-update --quiet -f json -o "$work/trivy.json" "$in" >/dev/null 2>&1 || true
"$WARD" config -q -f json -o "$work/ward.json" "$in" >/dev/null 2>&1 || true
measure trivy "$TRIVY" config --skip-check-update --quiet -f json -o "$work/trivy.json" "$in"
measure ward "$WARD" config -q -f json -o "$work/ward.json" "$in"

tw=$(cut -d' ' -f1 "$work/trivy.times" | median); tr=$(cut -d' ' -f2 "$work/trivy.times" | median)
ww=$(cut -d' ' -f1 "$work/ward.times" | median); wr=$(cut -d' ' -f2 "$work/ward.times" | median)
tf=$(python3 -c "import json;d=json.load(open('$work/trivy.json'));print(sum(len(r.get('Misconfigurations') or []) for r in d.get('Results') or []))")
wf=$(python3 -c "import json;d=json.load(open('$work/ward.json'));print(len(d['findings']))")
we=$(python3 -c "import json;d=json.load(open('$work/ward.json'));print(len(d['errors']))")

echo
echo "set $set — input: $files files ($desc); $RUNS runs each; $(nproc) cores"
printf '%-6s %14s %14s %10s\n' tool "median wall s" "median RSS MB" findings
printf '%-6s %14s %14s %10s\n' trivy "$tw" "$((tr / 1024))" "$tf"
printf '%-6s %14s %14s %10s\n' ward "$ww" "$((wr / 1024))" "$wf (errors: $we)"
python3 -c "print('ward/trivy wall time: %.2f   ward/trivy peak RSS: %.2f' % ($ww/$tw, $wr/$tr))"
done
