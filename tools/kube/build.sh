#!/usr/bin/env bash
# Builds the kube-apiserver and etcd binaries that the integration tests start
# (internal/kubetest) from the pinned Go modules of this tools module, and
# prints the directory that holds them.
#
# The directory is outside the repository and keyed by a hash of this module's
# go.mod, go.sum, mains and this script, so a version bump builds afresh and an
# unchanged module is a no-op:
#   ${WARD_KUBE_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/ward-testdata/kube/<hash>}
# Force a rebuild by deleting that directory (or run with WARD_KUBE_REBUILD=1).
# A cold build takes about 9-10 minutes on 2 idle cores (18 CPU-minutes).
#
# Only the directory is printed on stdout; progress goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

GO="${GO:-go}"
if ! command -v "$GO" >/dev/null; then
  if [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go; else
    echo "tools/kube/build.sh: no go toolchain on PATH" >&2
    exit 1
  fi
fi

hash="$(cat go.mod go.sum kube-apiserver/main.go etcd/main.go build.sh | sha256sum | cut -c1-16)"
dir="${WARD_KUBE_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/ward-testdata/kube/$hash}"

have() { [ -x "$dir/kube-apiserver" ] && [ -x "$dir/etcd" ]; }

if [ "${WARD_KUBE_REBUILD:-}" != 1 ] && have; then
  echo "$dir"
  exit 0
fi

mkdir -p "$dir"
# Several test packages may ask for the binaries at once: one builds, the
# others wait for it and then find the binaries in place.
exec 9>"$dir/.lock"
flock 9
if [ "${WARD_KUBE_REBUILD:-}" = 1 ] || ! have; then
  tmp="$(mktemp -d "$dir/.build.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  echo "tools/kube/build.sh: building kube-apiserver and etcd into $dir (about 10 minutes cold on 2 cores)" >&2
  start=$SECONDS
  # Stamp the Kubernetes version the way its release build does, so /version
  # and the server's version checks report v1.37.x instead of v0.0.0-master.
  kver="$(GOWORK=off "$GO" list -m -f '{{.Version}}' k8s.io/kubernetes)"
  kmajor="${kver#v}"; kmajor="${kmajor%%.*}"
  kminor="${kver#v*.}"; kminor="${kminor%%.*}"
  vpkg=k8s.io/component-base/version
  ldflags="-s -w -X $vpkg.gitVersion=$kver -X $vpkg.gitMajor=$kmajor -X $vpkg.gitMinor=$kminor -X $vpkg.gitTreeState=clean"
  GOWORK=off CGO_ENABLED=0 \
    "$GO" build -buildvcs=false -trimpath -ldflags "$ldflags" -o "$tmp/" ./kube-apiserver ./etcd
  mv -f "$tmp/etcd" "$dir/etcd"
  mv -f "$tmp/kube-apiserver" "$dir/kube-apiserver"
  echo "tools/kube/build.sh: built in $((SECONDS - start))s" >&2
fi
echo "$dir"
