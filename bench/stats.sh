#!/usr/bin/env bash
# Statistics benchmark: the national question (unit × sex × age_band over every root) for
# three dates and a province question, timed through /api/v1/stats on a running server (index
# in memory) and through `chibo stats` (a fresh process: index load included), with the
# memory of each; then the same question answered by DuckDB (bench/duckdb_stats.py) in the same
# run, the answers compared row by row, and the ratios printed.
#
#   bench/stats.sh DIR              DIR an interchange data set (bench/synth.sh): imported
#                                   into a fresh SQLite file first (or DB_URL, already imported)
#   DB_URL=postgres://… bench/stats.sh DIR
#   bench/stats.sh MEMBERS          `chibo demo --members N` data instead, no DuckDB reference
#
# Prints one line per measurement; copy them into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ARG=${1:-64000}
WORK=${WORK:-$(mktemp -d /tmp/chibo-bench-stats.XXXXXX)}
PORT=${PORT:-18473}
DATES=(2015-12-31 2020-12-31 2025-12-31)
DATA=""
if [ -d "$ARG" ]; then
    DATA=$(cd "$ARG" && pwd)
elif ! [[ $ARG =~ ^[0-9]+$ ]]; then
    echo "stats.sh: $ARG is neither a directory nor a number of members" >&2
    exit 2
fi

cargo build --release -p chibo >&2
BIN=target/release/chibo
export CHIBO_CONFIG=/nonexistent/chibo.toml RUST_LOG=info,sqlx=warn

if [ -z "${DB_URL:-}" ]; then
    DB_URL="sqlite:$WORK/bench.sqlite"
    export CHIBO_DATABASE_URL=$DB_URL
    if [ -n "$DATA" ]; then
        echo "# importing $DATA into $DB_URL" >&2
        RUST_LOG=warn,sqlx::query=error /usr/bin/time -f "import: %e s, peak %M KB" \
            "$BIN" import "$DATA" >/dev/null
    else
        echo "# generating $ARG demo members into $DB_URL" >&2
        /usr/bin/time -f "demo: %e s, peak %M KB" "$BIN" demo --members "$ARG" >/dev/null
    fi
fi
export CHIBO_DATABASE_URL=$DB_URL

# The server first: index built at start, queries timed warm.
"$BIN" user add bench --role admin --password bench-password-1 >/dev/null 2>&1 || true
TOKEN=$("$BIN" user token bench 2>/dev/null | tail -n 1)
"$BIN" serve --bind "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do
    grep -q 'statistics index loaded' "$WORK/serve.log" && break
    sleep 1
done
get() { # query string → body on stdout
    curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/stats?$1"
}
# The first root (a province committee) for the province question.
PROVINCE=$(get "as_of=2025-12-31&by=unit&format=csv" | sed -n 2p | cut -d, -f1)
echo "# data: $DB_URL; $(get "as_of=2025-12-31&format=csv" | sed -n 2p | cut -d, -f1) members on 2025-12-31; province $PROVINCE"

declare -A API_MS
api() { # label, query string
    local best=999999
    for _ in 1 2 3; do
        local t
        t=$(curl -s -o "$WORK/api.out" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
            "http://127.0.0.1:$PORT/api/v1/stats?$2")
        t=$(awk -v t="$t" 'BEGIN { printf "%d", t * 1000 }')
        [ "$t" -lt "$best" ] && best=$t
    done
    API_MS[$1]=$best
    echo "api  $1: best of 3 ${best}ms ($(head -c 60 "$WORK/api.out" | tr '\n' ' ')…)"
}
for d in "${DATES[@]}"; do
    api "national $d" "as_of=$d&by=unit,sex,age_band&format=csv"
    get "as_of=$d&by=unit,sex,age_band&format=csv" >"$WORK/chibo_$d.csv"
done
api "province $PROVINCE 2025-12-31" "as_of=2025-12-31&unit=$PROVINCE&by=unit,sex,age_band&format=csv"
echo "serve: $(grep -o 'statistics index loaded.*' "$WORK/serve.log" | sed 's/\x1b\[[0-9;]*m//g')"
SERVE_HWM=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$SERVER/status")
SERVE_RSS=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$SERVER/status")
echo "serve: resident ${SERVE_RSS} MB after the queries, high-water ${SERVE_HWM} MB"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT

# A fresh process per question: the index load is part of every `chibo stats` run, so one
# national date and the province tell all.
cli() { # label, args…
    local label=$1
    shift
    local log="$WORK/cli.log"
    NO_COLOR=1 /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" stats "$@" >"$WORK/cli.csv" 2>"$WORK/cli.raw"
    sed 's/\x1b\[[0-9;]*m//g' "$WORK/cli.raw" >"$log"
    read -r wall rss <"$WORK/time"
    local index query
    index=$(grep -o 'statistics index loaded.*' "$log" | grep -o 'elapsed_ms=[0-9]*' | cut -d= -f2)
    query=$(grep -o 'statistics answered.*' "$log" | grep -o 'elapsed_ms=[0-9]*' | cut -d= -f2)
    echo "cli  $label: wall ${wall}s, index load ${index}ms, answer $((query - index))ms, peak RSS $((rss / 1024)) MB, rows $(($(wc -l <"$WORK/cli.csv") - 1))"
}
cli "national ${DATES[-1]}" --as-of "${DATES[-1]}" --by unit,sex,age_band
cmp -s "$WORK/cli.csv" "$WORK/chibo_${DATES[-1]}.csv" || echo "cli  answer DIFFERS from the API's"
cli "province $PROVINCE ${DATES[-1]}" --as-of "${DATES[-1]}" --unit "$PROVINCE" --by unit,sex,age_band

[ -n "$DATA" ] || exit 0

# The reference, in the same run, on the same files; then the answers compared.
echo
echo "== DuckDB reference (bench/duckdb_stats.py)"
python3 bench/duckdb_stats.py "$DATA" --dates "$(IFS=,; echo "${DATES[*]}")" --out "$WORK/duckdb" |
    tee "$WORK/duckdb.txt"
DUCK_PEAK=$(sed -n 's/^peak memory (max RSS): \([0-9,]*\) MB$/\1/p' "$WORK/duckdb.txt" | tr -d ,)
echo
echo "== ratios"
for d in "${DATES[@]}"; do
    secs=$(sed -n "s/^$d: \([0-9.]*\) s,.*/\1/p" "$WORK/duckdb.txt")
    python3 - "$WORK/chibo_$d.csv" "$WORK/duckdb/duckdb_stats_$d.csv" <<'PY'
import csv, sys
ours, theirs = sys.argv[1], sys.argv[2]
with open(ours, newline="", encoding="utf-8") as f:
    rows = sorted(r[:1] + r[2:] for r in list(csv.reader(f))[1:])  # drop unit_name
with open(theirs, newline="", encoding="utf-8") as f:
    ref = sorted(list(csv.reader(f))[1:])
if rows != ref:
    diff = next(i for i, (a, b) in enumerate(zip(rows + [None] * len(ref), ref + [None] * len(rows))) if a != b)
    print(f"  answers DIFFER from DuckDB's ({len(rows)} vs {len(ref)} rows; first at row {diff + 1})")
    sys.exit(1)
print(f"  answers identical to DuckDB's ({len(rows)} rows)")
PY
    awk -v d="$d" -v s="$secs" -v ms="${API_MS[national $d]}" 'BEGIN {
        printf "  %s: DuckDB %.2f s, chibo api %d ms: %.0fx faster (goal at least 5x)\n", d, s, ms, s * 1000 / (ms > 0 ? ms : 1)
    }'
done
awk -v ours="$SERVE_RSS" -v duck="$DUCK_PEAK" 'BEGIN {
    printf "  memory: chibo server resident %d MB, DuckDB peak %d MB: %.2f of it\n", ours, duck, ours / duck
}'
awk -v ours="$SERVE_HWM" -v duck="$DUCK_PEAK" 'BEGIN {
    printf "  memory: chibo server high-water %d MB, DuckDB peak %d MB: %.2f of it (goal at most 0.25)\n", ours, duck, ours / duck
}'
