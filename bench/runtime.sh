#!/usr/bin/env bash
# bench/runtime.sh — the runtime agent's cost on an exec storm, and the
# rule engine's throughput, in one run. Needs root and a kernel with BTF.
#
#   sudo bench/runtime.sh              # 20,000 execs, 3 rounds each way
#   EXECS=50000 ROUNDS=5 sudo bench/runtime.sh
#
# Exec storm: a C-free loop (a small Go program, built here) forks and execs
# /bin/true EXECS times, sequentially, and prints the wall time. It runs
# ROUNDS times without the agent and ROUNDS times with `ward agent` running
# (built-in rules, output to a file); the agent's final status gives the
# events it received and the events the kernel dropped (ring buffer full).
#
# Rule engine: `go test -bench Match -cpu 1 ./internal/detect` — events per
# second on one core with Ward's default rules and with falcosecurity's
# rules (../shared/corpora/falco-rules) loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
EXECS=${EXECS:-20000}
ROUNDS=${ROUNDS:-3}
[ "$(id -u)" = 0 ] || { echo "run as root: the agent loads eBPF programs" >&2; exit 1; }

make -s build
WARD=$PWD/bin/ward
work=$(mktemp -d)
trap '[ -n "${agent:-}" ] && kill "$agent" 2>/dev/null; rm -rf "$work"' EXIT

mkdir -p "$work/storm"
cat > "$work/storm/main.go" <<'GO'
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := exec.Command("/bin/true").Run(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Printf("%.3f\n", time.Since(start).Seconds())
}
GO
(cd "$work/storm" && go mod init storm >/dev/null 2>&1 && go build -o storm .)
storm() { "$work/storm/storm" "$EXECS"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

storm >/dev/null # warm-up
for _ in $(seq "$ROUNDS"); do storm >> "$work/without"; done

"$WARD" agent ${AGENT_ARGS:-} --output "file:$work/alerts.jsonl" --status-file "$work/status.json" 2>"$work/agent.log" &
agent=$!
# Ready when the agent has reported its rule count (the sensor is attached).
for _ in $(seq 100); do grep -q 'rules active' "$work/agent.log" 2>/dev/null && break; sleep 0.1; done
sleep 1
for _ in $(seq "$ROUNDS"); do storm >> "$work/with"; done
kill -INT "$agent"; wait "$agent" || true; agent=

without=$(median < "$work/without")
with=$(median < "$work/with")
echo "exec storm: $EXECS execs of /bin/true, median of $ROUNDS rounds, $(nproc) cores"
printf '  without agent  %8.3f s  (%.0f execs/s)\n' "$without" "$(echo "$EXECS / $without" | bc -l)"
printf '  with agent     %8.3f s  (%.0f execs/s)\n' "$with" "$(echo "$EXECS / $with" | bc -l)"
printf '  slowdown       %8.1f %%\n' "$(echo "($with / $without - 1) * 100" | bc -l)"
python3 - "$work/status.json" "$EXECS" "$ROUNDS" <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
execs = st["received"].get("execve", 0)
dropped = sum(st.get("dropped", {}).values())
print("  agent: %d events (%d execve for %d storm execs), %d dropped, %d dropped bytes" % (
    st["events"], execs, int(sys.argv[2]) * int(sys.argv[3]), dropped, st.get("droppedBytes", 0)))
PY
echo "rule engine (one core):"
go test -run '^$' -bench 'Match' -cpu 1 -benchtime 2s ./internal/detect | grep -E 'Benchmark|events/s' || true
