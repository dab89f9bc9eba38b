#!/usr/bin/env bash
# Measure Ward's Kubernetes/Dockerfile and Terraform/CloudFormation checks
# against outside oracles (kubescape regolibrary, Gatekeeper library, Kyverno
# policies, trivy-checks), with bench/oracle/mapping.yaml + cloud/*.yaml.
# Usage: bench/oracle.sh [-v] [-corpus NAME] [-json FILE] [-mapping-add FILE]
# (docs/oracle.md); SHARED overrides ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./bench/oracle -shared "${SHARED:-../shared}" "$@"
