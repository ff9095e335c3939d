#!/usr/bin/env bash
# The raw bulk load that Chibo's importer is compared with: the three interchange
# files of DIR loaded into plain tables, with no validation, no keys and no
# indexes, once into a fresh SQLite file (sqlite3 .import --csv --skip 1) and
# once into a fresh PostgreSQL database (psql \copy ... CSV HEADER).
#
#   bench/raw_load.sh DIR [--only sqlite|postgres] [--keep]
#
# DIR holds units.csv, members.csv and events.csv (e.g. from bench/synth.sh or
# chibo synth). The SQLite file goes to a scratch directory under ${TMPDIR:-/tmp}
# and is deleted afterwards unless --keep; PostgreSQL is the server at
# 127.0.0.1:5432, user postgres (trust auth; PGHOST/PGPORT/PGUSER override), in
# a scratch database that is created and dropped. Installs sqlite3 with apt-get
# when it is missing, and says so. Prints seconds per file and in total.
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

DIR=""
ONLY=""
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --only) ONLY=${2:-}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "raw_load.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) DIR=$1; shift ;;
    esac
done
[ -n "$DIR" ] || { usage >&2; exit 2; }
case "$ONLY" in "" | sqlite | postgres) ;; *) echo "raw_load.sh: --only sqlite or postgres" >&2; exit 2 ;; esac
DIR=$(cd "$DIR" && pwd)
for f in units members events; do
    [ -f "$DIR/$f.csv" ] || { echo "raw_load.sh: $DIR/$f.csv is missing" >&2; exit 1; }
done

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

SCRATCH=""
PGDB=""
cleanup() {
    [ "$KEEP" -eq 1 ] && return 0
    if [ -n "$PGDB" ]; then
        psql -q -d postgres -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    if [ -n "$SCRATCH" ]; then rm -rf "$SCRATCH"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
rows() { echo $(($(wc -l <"$1") - 1)); }

echo "data set: $DIR"
for f in units members events; do
    printf '  %-12s %12s rows %10s bytes\n' "$f.csv" "$(rows "$DIR/$f.csv")" "$(stat -c %s "$DIR/$f.csv")"
done

if [ "$KEEP" -eq 1 ]; then echo "--keep: the SQLite file and the PostgreSQL database are kept"; fi

# The same plain tables on both engines: text columns, dates as dates where the engine
# has them (SQLite keeps the ISO text).
units_sql() {
    echo "CREATE TABLE units (code TEXT, parent_code TEXT, name TEXT, kind TEXT,
        admin_unit_code TEXT, valid_from $1, valid_to $1);"
}
members_sql() {
    echo "CREATE TABLE members (member_key TEXT, full_name TEXT, sex TEXT, birth_date $1,
        citizen_id TEXT, card_number TEXT, ethnicity TEXT, religion TEXT, education TEXT,
        professional_level TEXT, political_theory TEXT, occupation TEXT,
        residence_admin_code TEXT, phone TEXT, email TEXT);"
}
events_sql() {
    echo "CREATE TABLE events (member_key TEXT, date $1, kind TEXT, unit_code TEXT,
        decision_ref TEXT, reason TEXT);"
}

if [ "$ONLY" != postgres ]; then
    if ! command -v sqlite3 >/dev/null 2>&1; then
        echo "sqlite3 is not installed; installing it with apt-get (package sqlite3)"
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO=sudo
        $SUDO apt-get update -qq
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3
    fi
    SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/chibo-raw-load.XXXXXX")
    DB="$SCRATCH/raw.sqlite"
    echo
    echo "SQLite $(sqlite3 --version | cut -d' ' -f1), fresh file $DB"
    sqlite3 "$DB" "$(units_sql TEXT) $(members_sql TEXT) $(events_sql TEXT)"
    total=0
    for f in units members events; do
        start=$(now)
        sqlite3 "$DB" ".import --csv --skip 1 '$DIR/$f.csv' $f"
        took=$(secs "$start" "$(now)")
        total=$(add "$total" "$took")
        printf '  %-8s %8s s  (%s rows)\n' "$f" "$took" "$(sqlite3 "$DB" "SELECT COUNT(*) FROM $f")"
    done
    printf '  %-8s %8s s  (file %s bytes)\n' "total" "$total" "$(stat -c %s "$DB")"
fi

if [ "$ONLY" != sqlite ]; then
    pg_isready -q || { echo "raw_load.sh: PostgreSQL does not answer at $PGHOST:$PGPORT" >&2; exit 1; }
    PGDB="chibo_raw_load_$$"
    echo
    echo "PostgreSQL $(psql -d postgres -Atc 'SHOW server_version'), scratch database $PGDB at $PGHOST:$PGPORT"
    psql -q -d postgres -c "CREATE DATABASE $PGDB" >/dev/null
    psql -q -d "$PGDB" -v ON_ERROR_STOP=1 \
        -c "$(units_sql DATE)" -c "$(members_sql DATE)" -c "$(events_sql DATE)" >/dev/null
    total=0
    for f in units members events; do
        start=$(now)
        psql -q -d "$PGDB" -v ON_ERROR_STOP=1 -c "\\copy $f FROM '$DIR/$f.csv' WITH (FORMAT csv, HEADER true)"
        took=$(secs "$start" "$(now)")
        total=$(add "$total" "$took")
        printf '  %-8s %8s s  (%s rows)\n' "$f" "$took" "$(psql -d "$PGDB" -Atc "SELECT COUNT(*) FROM $f")"
    done
    printf '  %-8s %8s s  (database %s)\n' "total" "$total" \
        "$(psql -d "$PGDB" -Atc "SELECT pg_size_pretty(pg_database_size('$PGDB'))")"
fi
