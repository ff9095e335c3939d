#!/usr/bin/env bash
# Times `chibo synth` (release build) at 64,000 people and at the national size of
# 5,600,000, and records wall time, peak memory (maximum resident set size) and the sizes
# of the files it writes.
#
#   bench/synth.sh [--skip-national] [--out-root DIR] [--seed S]
#
# The data sets go to DIR/synth-64k and DIR/synth-5600k (default DIR:
# ${CHIBO_BENCH_DIR:-/tmp/chibo-bench}); they are kept for bench/raw_load.sh and
# bench/duckdb_stats.py. The national run writes about 2.3 GB and takes under a
# minute on two cores; --skip-national leaves it out when disk or time is short,
# and it is skipped (saying so) when DIR has less than 4 GB free. Builds the
# binary first with `cargo build --release -p chibo`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

ROOT=${CHIBO_BENCH_DIR:-/tmp/chibo-bench}
NATIONAL=1
SEED=2026
while [ $# -gt 0 ]; do
    case "$1" in
        --skip-national) NATIONAL=0; shift ;;
        --out-root) ROOT=${2:?}; shift 2 ;;
        --seed) SEED=${2:?}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "synth.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
mkdir -p "$ROOT"

echo "== cargo build --release -p chibo"
cargo build --release -p chibo
BIN=$(pwd)/target/release/chibo

TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""
[ -n "$TIME" ] || echo "(/usr/bin/time is missing: apt-get install time; peak memory will not be shown)"

run() {
    local n=$1 out=$2
    echo
    echo "== chibo synth --members $n --out $out --seed $SEED"
    local log
    log=$(mktemp)
    local start end
    start=$(date +%s.%N)
    if [ -n "$TIME" ]; then
        "$TIME" -v "$BIN" synth --members "$n" --out "$out" --seed "$SEED" 2>"$log"
    else
        "$BIN" synth --members "$n" --out "$out" --seed "$SEED"
    fi
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "wall time: %.1f s\n", b - a }'
    if [ -n "$TIME" ]; then
        grep -E "Maximum resident set size" "$log" |
            awk '{ printf "peak memory (max RSS): %.0f MB\n", $NF / 1024 }'
        grep -E "User time|System time" "$log" | sed 's/^\s*//'
    fi
    rm -f "$log"
    for f in units members events; do
        printf '  %-12s %14s bytes  %12s lines\n' "$f.csv" "$(stat -c %s "$out/$f.csv")" "$(wc -l <"$out/$f.csv")"
    done
    printf '  %-12s %14s bytes\n' "total" "$(du -cb "$out"/*.csv | tail -n 1 | cut -f1)"
}

run 64000 "$ROOT/synth-64k"

if [ "$NATIONAL" -eq 1 ]; then
    free_kb=$(df -Pk "$ROOT" | awk 'NR == 2 { print $4 }')
    if [ "$free_kb" -lt $((4 * 1024 * 1024)) ]; then
        echo
        echo "== national run skipped: $ROOT has $((free_kb / 1024)) MB free, it needs about 2.5 GB (4 GB asked for)"
    else
        run 5600000 "$ROOT/synth-5600k"
    fi
else
    echo
    echo "== national run skipped (--skip-national)"
fi
