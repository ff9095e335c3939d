#!/usr/bin/env bash
# Early-warning benchmark: `chibo warnings` over a whole synthetic registry (every member of
# every province watched on one day), wall time and peak memory, optionally against a
# reference binary (an earlier build) on its own copy of the same data, with the ratio.
#
#   bench/warnings.sh DIR [REFERENCE_BIN]
#
# DIR is an interchange data set (bench/synth.sh writes DIR/synth-64k). Each binary imports it
# into a fresh SQLite file of its own (a reference may have fewer migrations). The synthetic
# set has no fees, meetings or members away, so this measures reading the scope's members,
# absences, exemptions, fee accounts and contact logs, not the scoring of real arrears.
# Prints one line per measurement; copy them into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DATA=${1:?usage: bench/warnings.sh DIR [REFERENCE_BIN]}
REF=${2:-}
AS_OF=${AS_OF:-2026-11-24}
WORK=${WORK:-$(mktemp -d /tmp/chibo-bench-warnings.XXXXXX)}
[ -d "$DATA" ] || { echo "warnings.sh: $DATA is not a directory" >&2; exit 2; }

cargo build --release -p chibo >&2
export CHIBO_CONFIG=/nonexistent/chibo.toml RUST_LOG=warn,sqlx::query=error

# run LABEL BIN: imports DATA with BIN, then times `warnings`; prints "LABEL seconds kb rows".
run() {
    local label=$1 bin=$2
    export CHIBO_DATABASE_URL="sqlite:$WORK/$label.sqlite"
    "$bin" migrate >/dev/null
    "$bin" import "$DATA" >/dev/null
    /usr/bin/time -f "%e %M" -o "$WORK/$label.time" \
        "$bin" warnings --as-of "$AS_OF" --format csv >"$WORK/$label.csv"
    read -r secs kb <"$WORK/$label.time"
    echo "$label $secs $kb $(($(wc -l <"$WORK/$label.csv") - 1))"
}

read -r _ secs kb rows <<<"$(run current target/release/chibo)"
echo "warnings (current): ${secs} s, peak ${kb} KB, ${rows} rows, as of $AS_OF"
if [ -n "$REF" ]; then
    read -r _ rsecs rkb rrows <<<"$(run reference "$REF")"
    echo "warnings (reference $REF): ${rsecs} s, peak ${rkb} KB, ${rrows} rows"
    cmp -s "$WORK/current.csv" "$WORK/reference.csv" && same=identical || same=DIFFERENT
    awk -v a="$rsecs" -v b="$secs" -v s="$same" \
        'BEGIN { printf "ratio reference/current: %.2f x (answers %s)\n", a / b, s }'
fi
