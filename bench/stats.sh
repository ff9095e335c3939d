#!/usr/bin/env bash
# Statistics benchmark: the national question (unit × sex × age_band over every root) for
# three dates and a province question, timed through `chibo stats` (a fresh process: index
# load included) and through /api/v1/stats on a running server (index in memory), with peak
# RSS of each. Data: `chibo demo --members N` into SQLite (the interchange importer lands on
# another branch; pass DB_URL to time an existing database instead).
#
#   bench/stats.sh [MEMBERS]        default 64000 (one province's worth)
#   DB_URL=postgres://… bench/stats.sh
#
# Prints one line per measurement; copy them into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MEMBERS=${1:-64000}
WORK=${WORK:-$(mktemp -d /tmp/chibo-bench-stats.XXXXXX)}
PORT=${PORT:-18473}
DATES=(2015-12-31 2020-12-31 2025-12-31)

cargo build --release -p chibo >&2
BIN=target/release/chibo
export CHIBO_CONFIG=/nonexistent/chibo.toml RUST_LOG=info,sqlx=warn

if [ -z "${DB_URL:-}" ]; then
    DB_URL="sqlite:$WORK/bench.sqlite"
    export CHIBO_DATABASE_URL=$DB_URL
    echo "# generating $MEMBERS demo members into $DB_URL" >&2
    /usr/bin/time -f "demo: %e s, peak %M KB" "$BIN" demo --members "$MEMBERS" >/dev/null
fi
export CHIBO_DATABASE_URL=$DB_URL

# The first root (a province committee) for the province question.
PROVINCE=$("$BIN" stats --as-of 2025-12-31 --by unit 2>/dev/null | sed -n '2p' | cut -d, -f1)
echo "# data: $("$BIN" stats --as-of 2025-12-31 2>/dev/null | sed -n 2p | cut -d, -f1) members on 2025-12-31; province $PROVINCE"

cli() { # label, args…
    local label=$1
    shift
    local log="$WORK/cli.log"
    NO_COLOR=1 /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" stats "$@" >"$WORK/out.csv" 2>"$WORK/cli.raw"
    sed 's/\x1b\[[0-9;]*m//g' "$WORK/cli.raw" >"$log"
    read -r wall rss <"$WORK/time"
    local index query
    index=$(grep -o 'statistics index loaded.*' "$log" | grep -o 'elapsed_ms=[0-9]*' | cut -d= -f2)
    query=$(grep -o 'statistics answered.*' "$log" | grep -o 'elapsed_ms=[0-9]*' | cut -d= -f2)
    echo "cli  $label: wall ${wall}s, index load ${index}ms, load+answer ${query}ms, peak RSS $((rss / 1024)) MB, rows $(($(wc -l <"$WORK/out.csv") - 1))"
}

for d in "${DATES[@]}"; do
    cli "national $d" --as-of "$d" --by unit,sex,age_band
done
cli "province $PROVINCE 2025-12-31" --as-of 2025-12-31 --unit "$PROVINCE" --by unit,sex,age_band

# The server: index built at start, queries timed warm.
"$BIN" user add bench --role admin --password bench-password-1 >/dev/null 2>&1 || true
TOKEN=$("$BIN" user token bench 2>/dev/null | tail -n 1)
"$BIN" serve --bind "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    grep -q 'statistics index loaded' "$WORK/serve.log" && break
    sleep 1
done
api() { # label, query string
    local best=999999
    for _ in 1 2 3; do
        local t
        t=$(curl -s -o "$WORK/api.out" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
            "http://127.0.0.1:$PORT/api/v1/stats?$2")
        t=$(awk -v t="$t" 'BEGIN { printf "%d", t * 1000 }')
        [ "$t" -lt "$best" ] && best=$t
    done
    echo "api  $1: best of 3 ${best}ms ($(head -c 60 "$WORK/api.out" | tr '\n' ' ')…)"
}
for d in "${DATES[@]}"; do
    api "national $d" "as_of=$d&by=unit,sex,age_band&format=csv"
done
api "province $PROVINCE 2025-12-31" "as_of=2025-12-31&unit=$PROVINCE&by=unit,sex,age_band&format=csv"
echo "serve: $(grep -o 'statistics index loaded.*' "$WORK/serve.log" | sed 's/\x1b\[[0-9;]*m//g')"
echo "serve: $(grep -E 'VmHWM|VmRSS' /proc/$SERVER/status | tr -s ' \n' ' ')"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT
