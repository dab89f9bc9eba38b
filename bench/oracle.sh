#!/usr/bin/env bash
# Measure Ward's Kubernetes/Dockerfile checks against outside oracles
# (kubescape regolibrary, Gatekeeper library, Kyverno policies, trivy-checks).
# Usage: bench/oracle.sh [-v] [-corpus NAME] [-json FILE]; SHARED overrides ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./bench/oracle -shared "${SHARED:-../shared}" "$@"
