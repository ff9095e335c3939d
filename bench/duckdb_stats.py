#!/usr/bin/env python3
"""Reference statistics over an interchange v1 data set, computed by DuckDB in memory.

    bench/duckdb_stats.py DIR [--dates 2015-12-31,2020-12-31,2025-12-31] [--out OUTDIR]

Loads DIR/units.csv, members.csv and events.csv into an in-memory DuckDB and answers, for each
date D: members, official, probationary, exempted, working_away and in_transit by province
root (the units without a parent on D) x sex x age band, following the counting rules of
shared/domain/interchange.md:

- a person is a member on D if their last event on or before D does not leave the party;
  events of one member are ordered by date, then by their order in events.csv;
- their unit on D is the unit of the last `admitted`/`transfer_in` on or before D, placed in
  the tree as valid on D (a party group's members count in the cell above and every unit
  above that);
- official after a `recognized` that follows the latest `admitted`, else probationary;
  exempted and working away by the latest toggle since that admission (a re-admission starts
  afresh); members on a temporary transfer stay counted at home;
- a member in transit (a `transfer_out` not followed by a `transfer_in` on or before D) is
  not among members, official, probationary, exempted or working away anywhere, only in
  in_transit of the cell left and every unit above it; a cell with no version valid on D is
  placed by its last version before D (and so, up the tree, is any ancestor);
- age in whole years on D, banded as rules.md STA-03: 18-30, 31-35, 36-40, 41-45, 46-50,
  51-55, 56-60, 61-70, 71+ (anyone younger would show as "<18"; the generator has nobody).

Writes OUTDIR/duckdb_stats_<D>.csv (default OUTDIR: DIR/duckdb-stats) with the columns
unit_code,sex,age_band,members,official,probationary,exempted,working_away,in_transit, sorted
by unit_code, sex, age_band, one row per combination with anyone in it, so the files can be
compared with `chibo stats` output. Prints the load time, the seconds per date and the peak
memory (the process's maximum resident set size, which includes DuckDB's).

Needs the PyPI package `duckdb` (tested with 2.0.1); when it is missing the script installs
it with `python3 -m pip install duckdb` first and says so.
"""

import argparse
import csv
import datetime
import importlib
import os
import resource
import subprocess
import sys
import time

DEFAULT_DATES = "2015-12-31,2020-12-31,2025-12-31"
COLUMNS = [
    "unit_code",
    "sex",
    "age_band",
    "members",
    "official",
    "probationary",
    "exempted",
    "working_away",
    "in_transit",
]


def load_duckdb():
    try:
        return importlib.import_module("duckdb")
    except ImportError:
        print("duckdb is not installed; installing it: python3 -m pip install duckdb", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"], check=True)
        importlib.invalidate_caches()
        return importlib.import_module("duckdb")


def peak_mb():
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(con, data_dir):
    def path(name):
        return os.path.join(data_dir, name).replace("'", "''")

    # Explicit types: dates as DATE, everything else as text, exactly as in the files.
    con.execute(
        f"""CREATE TABLE units AS SELECT * FROM read_csv('{path("units.csv")}', header = true,
        columns = {{'code': 'VARCHAR', 'parent_code': 'VARCHAR', 'name': 'VARCHAR',
                   'kind': 'VARCHAR', 'admin_unit_code': 'VARCHAR',
                   'valid_from': 'DATE', 'valid_to': 'DATE'}})"""
    )
    con.execute(
        f"""CREATE TABLE members AS SELECT * FROM read_csv('{path("members.csv")}', header = true,
        columns = {{'member_key': 'VARCHAR', 'full_name': 'VARCHAR', 'sex': 'VARCHAR',
                   'birth_date': 'DATE', 'citizen_id': 'VARCHAR', 'card_number': 'VARCHAR',
                   'ethnicity': 'VARCHAR', 'religion': 'VARCHAR', 'education': 'VARCHAR',
                   'professional_level': 'VARCHAR', 'political_theory': 'VARCHAR',
                   'occupation': 'VARCHAR', 'residence_admin_code': 'VARCHAR',
                   'phone': 'VARCHAR', 'email': 'VARCHAR'}})"""
    )
    # `seq` keeps the file order, which decides between events of one member on one date;
    # DuckDB preserves insertion order, so the row number is the line number.
    con.execute(
        f"""CREATE TABLE events AS SELECT row_number() OVER () AS seq, *
        FROM read_csv('{path("events.csv")}', header = true,
        columns = {{'member_key': 'VARCHAR', 'date': 'DATE', 'kind': 'VARCHAR',
                   'unit_code': 'VARCHAR', 'decision_ref': 'VARCHAR', 'reason': 'VARCHAR'}})"""
    )
    counts = [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("units", "members", "events")]
    return counts


STATS_SQL = """
WITH
-- The order events apply in: by date, then by file order.
ev AS (
    SELECT member_key, kind, unit_code,
           CAST(date_diff('day', DATE '1900-01-01', date) AS BIGINT) * 1000000000 + seq AS ord
    FROM events WHERE date <= $d
),
person AS (
    SELECT member_key,
        arg_max(kind, ord) AS last_kind,
        max(ord) FILTER (WHERE kind = 'admitted') AS admitted_ord,
        max(ord) FILTER (WHERE kind = 'recognized') AS recognized_ord,
        arg_max(unit_code, ord) FILTER (WHERE kind IN ('admitted', 'transfer_in')) AS cell,
        arg_max(kind, ord) FILTER (WHERE kind IN ('admitted', 'transfer_in', 'transfer_out'))
            AS move_kind,
        arg_max(kind, ord) FILTER (WHERE kind IN ('admitted', 'exempted', 'exemption_ended'))
            AS exempt_kind,
        arg_max(kind, ord) FILTER (
            WHERE kind IN ('admitted', 'working_away_start', 'working_away_end')) AS away_kind
    FROM ev GROUP BY member_key
),
-- Each unit's version on D, or its last version before D; `open_on_d` tells which.
placed AS (
    SELECT code,
        arg_max(parent_code, valid_from) AS parent_code,
        bool_or(valid_to IS NULL OR valid_to >= $d) AS open_on_d
    FROM units WHERE valid_from <= $d GROUP BY code
),
roots AS (
    WITH RECURSIVE up(code, ancestor, depth) AS (
        SELECT code, code, 0 FROM placed
        UNION ALL
        SELECT up.code, p.parent_code, up.depth + 1
        FROM up JOIN placed p ON p.code = up.ancestor
        WHERE p.parent_code IS NOT NULL AND up.depth < 32
    )
    SELECT code, arg_max(ancestor, depth) AS root FROM up GROUP BY code
),
counted AS (
    SELECT
        r.root AS unit_code,
        m.sex,
        date_part('year', $d) - date_part('year', m.birth_date)
            - CASE WHEN date_part('month', $d) * 100 + date_part('day', $d)
                        < date_part('month', m.birth_date) * 100 + date_part('day', m.birth_date)
                   THEN 1 ELSE 0 END AS age,
        p.move_kind = 'transfer_out' AS in_transit,
        coalesce(p.recognized_ord > p.admitted_ord, false) AS official,
        p.exempt_kind = 'exempted' AS exempted,
        p.away_kind = 'working_away_start' AS working_away,
        pl.open_on_d
    FROM person p
    JOIN members m USING (member_key)
    JOIN placed pl ON pl.code = p.cell
    JOIN roots r ON r.code = p.cell
    WHERE p.last_kind NOT IN ('removed', 'expelled', 'resigned', 'deceased', 'not_recognized')
),
banded AS (
    SELECT *, CASE
        WHEN age < 18 THEN '<18' WHEN age <= 30 THEN '18-30' WHEN age <= 35 THEN '31-35'
        WHEN age <= 40 THEN '36-40' WHEN age <= 45 THEN '41-45' WHEN age <= 50 THEN '46-50'
        WHEN age <= 55 THEN '51-55' WHEN age <= 60 THEN '56-60' WHEN age <= 70 THEN '61-70'
        ELSE '71+' END AS age_band,
        NOT in_transit AND open_on_d AS here
    FROM counted
)
SELECT unit_code, sex, age_band,
    count(*) FILTER (WHERE here) AS members,
    count(*) FILTER (WHERE here AND official) AS official,
    count(*) FILTER (WHERE here AND NOT official) AS probationary,
    count(*) FILTER (WHERE here AND exempted) AS exempted,
    count(*) FILTER (WHERE here AND working_away) AS working_away,
    count(*) FILTER (WHERE in_transit) AS in_transit
FROM banded
GROUP BY unit_code, sex, age_band
HAVING count(*) FILTER (WHERE here OR in_transit) > 0
ORDER BY unit_code, sex, age_band
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="directory with units.csv, members.csv, events.csv")
    parser.add_argument("--dates", default=DEFAULT_DATES, help=f"comma-separated (default {DEFAULT_DATES})")
    parser.add_argument("--out", help="directory for the result files (default DIR/duckdb-stats)")
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
    args = parser.parse_args()
    out_dir = args.out or os.path.join(args.dir, "duckdb-stats")
    os.makedirs(out_dir, exist_ok=True)

    duckdb = load_duckdb()
    con = duckdb.connect(":memory:")
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    print(f"DuckDB {duckdb.__version__}, data set {os.path.abspath(args.dir)}", flush=True)
    started = time.perf_counter()
    units, members, events = load(con, args.dir)
    print(
        f"load: {time.perf_counter() - started:.2f} s "
        f"({units:,} unit versions, {members:,} people, {events:,} events; peak {peak_mb():,.0f} MB)",
        flush=True,
    )
    for day in [d.strip() for d in args.dates.split(",") if d.strip()]:
        started = time.perf_counter()
        rows = con.execute(STATS_SQL, {"d": datetime.date.fromisoformat(day)}).fetchall()
        seconds = time.perf_counter() - started
        path = os.path.join(out_dir, f"duckdb_stats_{day}.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS)
            w.writerows(rows)
        totals = [sum(r[i] for r in rows) for i in range(3, 9)]
        print(
            f"{day}: {seconds:.2f} s, {len(rows)} rows -> {path}\n"
            f"    members {totals[0]:,}, official {totals[1]:,}, probationary {totals[2]:,}, "
            f"exempted {totals[3]:,}, working away {totals[4]:,}, in transit {totals[5]:,}",
            flush=True,
        )
    print(f"peak memory (max RSS): {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
