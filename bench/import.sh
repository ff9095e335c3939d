#!/usr/bin/env bash
# Import benchmark: `chibo import DIR` (every row checked, one transaction, indexes built)
# into a fresh SQLite file and into a fresh PostgreSQL database, against the raw bulk load of
# the same three files into plain tables (bench/raw_load.sh) measured in the same run. Prints
# wall time, peak RSS, the importer's stage times, and the ratio import / raw load per engine;
# then `chibo check` confirms every member's state matches its history.
#
#   bench/import.sh DIR [--only sqlite|postgres]
#   KEEP_SQLITE=/tmp/national.sqlite bench/import.sh DIR   keeps the imported SQLite file
#   CHECK=0 bench/import.sh DIR   skips `chibo check` (over 15 minutes at the national size)
#
# DIR holds units.csv, members.csv and events.csv (bench/synth.sh writes
# /tmp/chibo-bench/synth-64k and /tmp/chibo-bench/synth-5600k). PostgreSQL is the server at
# 127.0.0.1:5432, user postgres (trust auth); the scratch database is created and dropped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DIR=""
ONLY=""
while [ $# -gt 0 ]; do
    case "$1" in
        --only) ONLY=${2:-}; shift 2 ;;
        -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "import.sh: unknown option $1" >&2; exit 2 ;;
        *) DIR=$1; shift ;;
    esac
done
[ -n "$DIR" ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
case "$ONLY" in "" | sqlite | postgres) ;; *) echo "import.sh: --only sqlite or postgres" >&2; exit 2 ;; esac
DIR=$(cd "$DIR" && pwd)

cargo build --release -p chibo >&2
BIN=$PWD/target/release/chibo
export CHIBO_CONFIG=/nonexistent/chibo.toml RUST_LOG=warn,sqlx::query=error,sqlx::pool=error
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/chibo-bench-import.XXXXXX")
PGDB=""
cleanup() {
    if [ -n "$PGDB" ]; then
        psql -q -d postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "data set: $DIR ($(du -sh --apparent-size "$DIR" | cut -f1))"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"

# The reference, in the same run.
echo
echo "== raw load (bench/raw_load.sh)"
bench/raw_load.sh "$DIR" ${ONLY:+--only "$ONLY"} | tee "$WORK/raw.txt"
raw_total() { # engine heading prefix
    awk -v h="$1" 'index($0, h) == 1 { on = 1 } on && $1 == "total" { print $2; exit }' "$WORK/raw.txt"
}

run_import() { # engine, database url
    local engine=$1 url=$2
    echo
    echo "== chibo import into $engine"
    CHIBO_DATABASE_URL=$url "$BIN" migrate >/dev/null
    CHIBO_DATABASE_URL=$url /usr/bin/time -f "%e %M" -o "$WORK/time" \
        "$BIN" import "$DIR" >"$WORK/out.txt" 2>"$WORK/err.txt"
    cat "$WORK/out.txt"
    sed 's/^/  stage: /' "$WORK/err.txt"
    local wall rss raw
    read -r wall rss <"$WORK/time"
    raw=$(raw_total "$3")
    echo "  import: wall ${wall} s, peak RSS $((rss / 1024)) MB"
    awk -v w="$wall" -v r="$raw" 'BEGIN { printf "  ratio import / raw load: %.2f (raw %s s; goal at most 1.5)\n", w / r, r }'
    if [ "${CHECK:-1}" != 0 ]; then
        CHIBO_DATABASE_URL=$url "$BIN" check | sed 's/^/  check: /'
    fi
}

if [ "$ONLY" != postgres ]; then
    run_import SQLite "sqlite:$WORK/import.sqlite" "SQLite"
    echo "  file: $(stat -c %s "$WORK/import.sqlite") bytes"
    if [ -n "${KEEP_SQLITE:-}" ]; then
        mv "$WORK/import.sqlite" "$KEEP_SQLITE"
        echo "  kept as $KEEP_SQLITE"
    fi
    rm -f "$WORK"/import.sqlite*
fi
if [ "$ONLY" != sqlite ]; then
    pg_isready -q || { echo "import.sh: PostgreSQL does not answer at $PGHOST:$PGPORT" >&2; exit 1; }
    PGDB="chibo_bench_import_$$"
    psql -q -d postgres -c "CREATE DATABASE $PGDB" >/dev/null
    run_import PostgreSQL "postgres://$PGUSER@$PGHOST:$PGPORT/$PGDB" "PostgreSQL"
    echo "  database: $(psql -d "$PGDB" -Atc "SELECT pg_size_pretty(pg_database_size('$PGDB'))")"
fi
