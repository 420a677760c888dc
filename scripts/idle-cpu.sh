#!/usr/bin/env bash
# Measures the console's idle CPU on the embedded sandbox (its churn running) under a virtual X display:
# starts the window, lets it settle, then reads the process's CPU ticks from /proc over a window of seconds.
# Usage: scripts/idle-cpu.sh [classes-dir] [settle-seconds] [measure-seconds]   (needs xvfb-run)
set -euo pipefail
cd "$(dirname "$0")/.."
classes="${1:-app/target/classes}"
settle="${2:-45}"
measure="${3:-60}"
cp_file="$(mktemp)"
mvn -B -o -q dependency:build-classpath -pl app -Dmdep.outputFile="$cp_file" >/dev/null
home="$(mktemp -d)"
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_STATE_HOME="$home/.state" KUBECONFIG="$home/none" \
    xvfb-run -a -e "$home/xvfb.log" -s "-screen 0 1600x1000x24" \
    java -Deksid.sandbox=true -cp "$classes:$(cat "$cp_file")" io.eksid.Launcher >"$home/out.log" 2>&1 &
sleep "$settle"
pid="$(pgrep -f -n "java .*-cp $classes:.*io.eksid.Launcher" || true)"
[ -n "$pid" ] || { echo "the console did not start:" >&2; cat "$home/out.log" "$home/xvfb.log" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
t0="$(ticks "$pid")"
sleep "$measure"
t1="$(ticks "$pid")"
echo "cpu over ${measure}s after ${settle}s settle: $(( (t1 - t0) * 100 / hz / measure ))% of one core" \
     "($(( t1 - t0 )) ticks at ${hz}/s)"
kill "$pid"
wait || true
rm -rf "$home" "$cp_file"
