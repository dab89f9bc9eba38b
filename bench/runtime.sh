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
# The agent's own CPU time over the storms is printed with the events per
# type. BPF_STATS=1 also turns on kernel.bpf_stats_enabled for the storms
# with the agent (restored after; it costs a little per program run) and
# prints each sensor program's runs and ns per run (needs bpftool).
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
stats_was=
trap '[ -n "${agent:-}" ] && kill "$agent" 2>/dev/null; [ -n "$stats_was" ] && sysctl -qw kernel.bpf_stats_enabled="$stats_was"; rm -rf "$work"' EXIT

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
# The agent's own CPU time (user+sys clock ticks) over the storms.
cpu() { awk '{print $14 + $15}' "/proc/$agent/stat"; }
progs() { bpftool -j prog show > "$1"; }
if [ "${BPF_STATS:-0}" = 1 ]; then
	stats_was=$(sysctl -n kernel.bpf_stats_enabled)
	sysctl -qw kernel.bpf_stats_enabled=1
	progs "$work/progs0"
fi
cpu0=$(cpu)
for _ in $(seq "$ROUNDS"); do storm >> "$work/with"; done
cpu1=$(cpu)
if [ -n "$stats_was" ]; then
	progs "$work/progs1"
	sysctl -qw kernel.bpf_stats_enabled="$stats_was"; stats_was=
fi
kill -INT "$agent"; wait "$agent" || true; agent=

without=$(median < "$work/without")
with=$(median < "$work/with")
echo "exec storm: $EXECS execs of /bin/true, median of $ROUNDS rounds, $(nproc) cores"
printf '  without agent  %8.3f s  (%.0f execs/s)\n' "$without" "$(echo "$EXECS / $without" | bc -l)"
printf '  with agent     %8.3f s  (%.0f execs/s)\n' "$with" "$(echo "$EXECS / $with" | bc -l)"
printf '  slowdown       %8.1f %%\n' "$(echo "($with / $without - 1) * 100" | bc -l)"
python3 - "$work/status.json" "$EXECS" "$ROUNDS" "$((cpu1 - cpu0))" "$(getconf CLK_TCK)" <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
execs = st["received"].get("execve", 0)
dropped = sum(st.get("dropped", {}).values())
print("  agent: %d events (%d execve for %d storm execs), %d dropped, %d dropped bytes" % (
    st["events"], execs, int(sys.argv[2]) * int(sys.argv[3]), dropped, st.get("droppedBytes", 0)))
print("  received: " + ", ".join("%s %d" % kv for kv in sorted(st["received"].items(), key=lambda kv: -kv[1])))
cpu = int(sys.argv[4]) / int(sys.argv[5])
print("  agent CPU during the storms: %.2f s (user+sys), %.1f us per event" % (cpu, cpu * 1e6 / max(st["events"], 1)))
PY
if [ -f "$work/progs1" ]; then
	python3 - "$work/progs0" "$work/progs1" <<'PY'
import json, re, sys
def load(f):
    return {p["id"]: p for p in json.load(open(f)) if re.match(r"(on_exec|on_exit|exit_|enter_|module_sys_exit)", p.get("name", ""))}
a, b = load(sys.argv[1]), load(sys.argv[2])
print("  sensor programs during the storms (kernel.bpf_stats_enabled):")
for i, p in sorted(b.items(), key=lambda kv: -kv[1].get("run_time_ns", 0)):
    runs = p.get("run_cnt", 0) - a.get(i, {}).get("run_cnt", 0)
    ns = p.get("run_time_ns", 0) - a.get(i, {}).get("run_time_ns", 0)
    if runs > 0:
        print("    %-16s %9d runs %8.0f ns/run %8.1f ms" % (p["name"], runs, ns / runs, ns / 1e6))
PY
fi
echo "rule engine (one core):"
go test -run '^$' -bench 'Match' -cpu 1 -benchtime 2s ./internal/detect | grep -E 'Benchmark|events/s' || true
