#!/usr/bin/env bash
# Interleaved A/B start-up of two claimdesk binaries on the same corpus, as
# scripts/bench-tui.sh measures one: each start in tmux, the screen read every 10 ms until
# the progress gauge leaves the status bar. The binaries alternate, so that a shared
# machine's drift within the hour falls on both alike.
#   scripts/bench-tui-ab.sh cold|warm ROUNDS BIN_A BIN_B CORPUS
# Prints every full-load time of each binary and their medians.
set -euo pipefail
kind=$1 rounds=$2 A=$3 B=$4 corpus=$5
command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux >/dev/null; }
work="$(mktemp -d)"
session="cdab-$$"
trap 'tmux kill-session -t $session 2>/dev/null || true; rm -rf "$work"' EXIT
mkfifo "$work/tick"
exec 9<>"$work/tick"
pause() { read -r -t 0.01 -u 9 _ || true; }
once() {
    local bin=$1 db=$2 t0 screen loaded
    tmux kill-session -t $session 2>/dev/null || true
    t0=$EPOCHREALTIME
    tmux new -d -s $session -x 160 -y 45 "$bin --bidi app --db $db $corpus"
    while :; do
        screen=$(tmux capture-pane -p -t $session 2>/dev/null || true)
        if [[ $screen == *triaged* && $screen != *▕* ]]; then loaded=$EPOCHREALTIME; break; fi
        if (( ${EPOCHREALTIME%.*} - ${t0%.*} > 300 )); then echo "timed out" >&2; exit 1; fi
        pause
    done
    tmux send-keys -t $session q
    while tmux has-session -t $session 2>/dev/null; do sleep 0.05; done
    awk -v l="$loaded" -v t="$t0" 'BEGIN { printf "%.2f", l - t }'
}
if [ "$kind" = warm ]; then
    once "$A" "$work/a.db" >/dev/null
    once "$B" "$work/b.db" >/dev/null
fi
ra=() rb=()
for ((i = 0; i < rounds; i++)); do
    [ "$kind" = cold ] && rm -f "$work"/a.db* "$work"/b.db*
    ra+=("$(once "$A" "$work/a.db")")
    rb+=("$(once "$B" "$work/b.db")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "$kind A ($A): ${ra[*]} (median $(median "${ra[@]}") s)"
echo "$kind B ($B): ${rb[*]} (median $(median "${rb[@]}") s)"
