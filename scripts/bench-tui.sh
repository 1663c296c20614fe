#!/usr/bin/env bash
# TUI start-up on a generated corpus, as a user meets it: claimdesk runs in tmux (a real
# terminal), and the screen is read every 10 ms until the first article shows and until
# the background load is over (the progress gauge leaves the status bar). Peak memory
# comes from /usr/bin/time -v around the TUI. Cold = empty store, warm = second start
# (from the snapshot the first start kept). Then the UI thread's busy time per frame while
# a claim filter is typed on the same corpus (benches/frames.rs). Prints a markdown section.
#   scripts/bench-tui.sh [N]      (BENCH_RUNS=3 starts of each kind; the median is shown)
# The tmux session is BENCH_TMUX_SESSION (default: one named after this script's pid),
# so that runs from several work trees never drive each other's session.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
session="${BENCH_TMUX_SESSION:-cdbench-$$}"
command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

cargo build --release --quiet --bin claimdesk --bench extract --bench frames
bin="$PWD/target/release/claimdesk"
gen="$(ls -t target/release/deps/extract-* | grep -v '\.d$' | head -n 1)"
frames="$(ls -t target/release/deps/frames-* | grep -v '\.d$' | head -n 1)"
work="$(mktemp -d)"
trap 'tmux kill-session -t $session 2>/dev/null || true; rm -rf "$work"' EXIT
"$gen" generate "$work/corpus" "$n" >/dev/null

# A 10 ms pause without a process: a read that times out on a pipe nobody writes.
mkfifo "$work/tick"
exec 9<>"$work/tick"
pause() { read -r -t 0.01 -u 9 _ || true; }

# one start: seconds to the first article on screen, seconds to fully loaded, peak RSS.
# The screen is read every 10 ms with no process but tmux's own (bash tests the text):
# a poll that forks grep and awk each time takes a share of the 2 cores it measures.
start_once() {
    local log="$work/time.log" t0 first="" loaded="" screen l1 l2 l3
    tmux kill-session -t $session 2>/dev/null || true
    t0=$EPOCHREALTIME
    tmux new -d -s $session -x 160 -y 45 \
        "/usr/bin/time -v -o $log $bin --bidi app --db $work/triage.db $work/corpus"
    while :; do
        screen=$(tmux capture-pane -p -t $session 2>/dev/null || true)
        if [ -z "$first" ]; then
            IFS=$'\n' read -r -d '' l1 l2 l3 _ <<<"$screen" || true
            if [[ "$l1$l2$l3" =~ /[0-9] ]]; then first=$EPOCHREALTIME; fi
        fi
        if [[ $screen == *triaged* && $screen != *▕* ]]; then loaded=$EPOCHREALTIME; break; fi
        if (( ${EPOCHREALTIME%.*} - ${t0%.*} > 300 )); then echo "timed out" >&2; exit 1; fi
        pause
    done
    [ -n "$first" ] || first=$loaded
    tmux send-keys -t $session q
    while tmux has-session -t $session 2>/dev/null; do sleep 0.05; done
    local rss
    rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$log")
    awk -v f="$first" -v l="$loaded" -v t="$t0" -v r="$rss" \
        'BEGIN { printf "%.2f %.2f %s\n", f - t, l - t, r }'
}

# RUNS starts (cold: each from an empty store), as the row of the median load.
runs="${BENCH_RUNS:-3}"
median_of() {
    local kind=$1 i
    for ((i = 0; i < runs; i++)); do
        if [ "$kind" = cold ]; then rm -f "$work"/triage.db*; fi
        start_once
    done | sort -n -k2 | awk -v m=$(((runs + 1) / 2)) \
        'NR == m { printf "%.2f s | %.2f s | %s MB", $1, $2, $3 } { all = all sprintf(" %.2f", $2) }
         END { printf " |%s", all }'
}

echo "## TUI start-up: ${n} articles"
echo
echo "Machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/.*: *//'), $(free -h | awk '/Mem:/ {print $2}') RAM;"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) while measuring; $(date -u '+%Y-%m-%d %H:%M UTC')."
echo "\`claimdesk CORPUS\` in tmux 160×45, screen read every 10 ms (\`scripts/bench-tui.sh $n\`)."
echo
echo "Median of $runs starts each (the row of the median full load); the last column lists every start's full load."
echo
echo "| start | first article on screen | fully loaded (gauge gone) | peak RSS | every full load (s) |"
echo "| --- | ---: | ---: | ---: | --- |"
echo "| cold (empty store) | $(median_of cold) |"
echo "| warm (from the snapshot) | $(median_of warm) |"

# The UI thread while a reviewer types a claim filter on this corpus (warm store).
row="$("$frames" "$work/corpus" "$work/triage.db" | grep '^frames ')"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$row"; }
echo
echo "Typing a claim filter (\`benches/frames.rs\`: $(field keystrokes) keystrokes of Arabic and Latin"
echo "words, a field, growing and backspacing, through the TUI's key handling; every loop turn"
echo "polls the search thread and draws the 160×45 screen on ratatui's TestBackend). *frame*"
echo "is the UI thread's busy time per loop turn; *key* the key's handling; *first* and"
echo "*final*: from the key to the drawn frame that shows its first and its final results."
echo "Milliseconds, p50/p95/p99/max."
echo
echo "| claims | frames | frames over 16 ms | keys without final results in 30 s | frame | key | first results on screen | final results on screen |"
echo "| ---: | ---: | ---: | ---: | --- | --- | --- | --- |"
echo "| $(field claims) | $(field frames) | $(field frames_over_16ms) | $(field timed_out) | $(field frame_p50_p95_p99_max) | $(field key_p50_p95_p99_max) | $(field first_p50_p95_p99_max) | $(field final_p50_p95_p99_max) |"
