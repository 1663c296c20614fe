#!/usr/bin/env bash
# Extraction throughput on a generated corpus: builds release, generates N articles
# (default 10000) into a temp folder, times `claimdesk articles` cold (empty store) and
# warm (claims from the store's cache) with /usr/bin/time -v, then the per-stage split.
# Prints a markdown section on stdout.
#   scripts/bench-extract.sh [N] [BASELINE_BINARY]
# With BASELINE_BINARY (an older claimdesk), its cold/warm runs are measured too.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
baseline="${2:-}"

cargo build --release --quiet --bin claimdesk --bench extract
bin="target/release/claimdesk"
bench="$(ls -t target/release/deps/extract-* | grep -v '\.d$' | head -n 1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
"$bench" generate "$corpus" "$n"

# one run: wall seconds, user+sys seconds, peak RSS in MB
measure() {
    local exe="$1" db="$2" log="$work/time.log"
    /usr/bin/time -v "$exe" articles "$corpus" --db "$db" >/dev/null 2>"$log"
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = t[n] + (n > 1 ? t[n-1] * 60 : 0) }
        /User time/ { cpu += $2 }
        /System time/ { cpu += $2 }
        /Maximum resident/ { rss = $2 / 1024 }
        END { printf "%.2f s | %.2f s | %.0f MB", wall, cpu, rss }' "$log"
}

row() {
    local label="$1" exe="$2" db="$work/$3.db"
    rm -f "$db" "$db-wal" "$db-shm"
    echo "| $label, cold (no store) | $(measure "$exe" "$db") |"
    echo "| $label, warm (second start) | $(measure "$exe" "$db") |"
}

echo "## Extraction: a ${n}-article corpus ready"
echo
echo "Machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/.*: *//'), $(free -h | awk '/Mem:/ {print $2}') RAM;"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) while measuring; $(date -u '+%Y-%m-%d %H:%M UTC')."
echo "Corpus: $n generated articles ($(du -sh "$corpus" | cut -f1)), seed-sized, four in five Arabic"
echo "(\`cargo bench --bench extract -- generate DIR $n\`, fixed seed)."
echo
echo "\`claimdesk articles CORPUS --db X.db\`, measured with \`/usr/bin/time -v\`:"
echo
echo "| run | wall | CPU (user+sys) | peak RSS |"
echo "| --- | ---: | ---: | ---: |"
if [[ -n "$baseline" ]]; then
    row "before" "$baseline" before
    row "after" "$bin" after
else
    row "claimdesk" "$bin" after
fi
echo
echo "Per stage (\`cargo bench --bench extract -- split DIR\`, in one process):"
echo
"$bench" split "$corpus"
