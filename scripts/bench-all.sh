#!/usr/bin/env bash
# All benchmarks into BENCHMARKS.md: search against fzf (scripts/bench.sh writes the file),
# then extraction throughput and TUI start-up on a generated corpus, appended.
#   scripts/bench-all.sh            (BENCH_SIZES, BENCH_RUNS as for scripts/bench.sh;
#                                    BENCH_ARTICLES for the corpus size, default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${BENCH_ARTICLES:-10000}"
scripts/bench.sh
extract="$(scripts/bench-extract.sh "$articles")"
tui="$(scripts/bench-tui.sh "$articles")"
{
  echo
  echo "$extract"
  echo
  echo "$tui"
} >>BENCHMARKS.md
echo "bench-all: wrote BENCHMARKS.md" >&2
