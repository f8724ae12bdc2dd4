#!/usr/bin/env bash
# bench-window.sh DB [ROWS]: the real window on a big workspace, timed as a
# person meets it. It copies DB (a workspace file, such as the cached
# benchmark workspaces core/store's benchmarks make under $TMPDIR:
# hearth-bench-1000000-*.db) into a fresh data directory, opens it once so
# any migration runs untimed, then starts Hearth again under Xvfb and
# reports:
#   first page: from the process start to the first page of conversations
#               handed to the list (the "first page shown" debug line);
#   rss after:  resident memory (VmRSS, and the peak VmHWM) after scrolling
#               ROWS rows (default 10000) with the mouse wheel over the list,
#               split into what is mapped from files (the binary, the GL
#               driver: Mesa's software llvmpipe under Xvfb) and anonymous
#               memory, with Go's heap from the window's HEARTH_PPROF
#               /debug/memory page.
# Budgets (issue 13): first page under 1 s, under 250 MB after scrolling.
set -euo pipefail
db=${1:?usage: bench-window.sh WORKSPACE.db [ROWS]}
rows=${2:-10000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

go build -tags migrated_fynedo -o "$work/hearth" "$here/cmd/hearth"
mkdir -p "$work/data" "$work/home"
cp "$db" "$work/data/hearth.db"

display=${BENCH_DISPLAY:-:$((90 + RANDOM % 100))}
port=$((20000 + RANDOM % 20000))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
sleep 1
export DISPLAY=$display HOME=$work/home LANG=en_US.UTF-8

run() { # run LOG: start Hearth, wait for its first page; prints the pid
	HEARTH_PPROF=127.0.0.1:$port "$work/hearth" --data "$work/data" --verbose >"$1" 2>&1 &
	local pid=$!
	for _ in $(seq 1 1200); do
		grep -q 'first page shown' "$1" && { echo "$pid"; return; }
		kill -0 "$pid" 2>/dev/null || { cat "$1" >&2; exit 1; }
		sleep 0.1
	done
	echo "no first page after 120 s" >&2
	exit 1
}

echo "opening once (migrations, untimed)..."
pid=$(run "$work/warm.log")
kill "$pid"; wait "$pid" 2>/dev/null || true

start=$(date +%s.%N)
pid=$(run "$work/run.log")
shown=$(grep -m1 'first page shown' "$work/run.log" | sed -E 's/^time=([^ ]+).*/\1/')
first=$(python3 -c "import sys,datetime;s=float(sys.argv[1]);t=datetime.datetime.fromisoformat(sys.argv[2]).timestamp();print(f'{(t-s)*1000:.0f}')" "$start" "$shown")
echo "first page: ${first} ms after the process started"

# Scroll: the list is the left half of the inbox. A wheel notch moves about
# a quarter of a row, and notches sent while the next page loads move
# nothing, so keep going until the window says ROWS rows are in the list
# (its "page added" debug line). GLFW takes wheel events only after the
# pointer moved over the window.
xdotool mousemove 410 410 sleep 0.2 mousemove 400 400 sleep 0.2
t0=$(date +%s)
while :; do
	n=$(grep 'page added' "$work/run.log" | tail -1 | sed -E 's/.*conversations=([0-9]+).*/\1/')
	[ "${n:-0}" -ge "$rows" ] && break
	[ $(($(date +%s) - t0)) -gt 900 ] && { echo "only ${n:-0} rows after 900 s of scrolling" >&2; break; }
	xdotool click --repeat 500 --delay 1 5
done
sleep 3
mb() { awk -v k="$1:" '$1 == k {print int($2/1024)}' "/proc/$pid/status"; }
echo "rss after scrolling ${n:-0} rows in $(($(date +%s) - t0)) s: $(mb VmRSS) MB (peak $(mb VmHWM) MB; files $(mb RssFile) MB, anonymous $(mb RssAnon) MB)"
curl -s "http://127.0.0.1:$port/debug/memory" | grep '^go_' | paste -sd' '
kill "$pid"; wait "$pid" 2>/dev/null || true
