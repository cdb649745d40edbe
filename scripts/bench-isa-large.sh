#!/usr/bin/env bash
# ISA-analysis throughput on ONE large file or a mixed set, one process per tool, files in sequence
# (armready inspect reads its files one after another, so the reference classifiers get --jobs 1):
#   armready inspect --isa (the real CLI: parse + function table + decode + classify)
#   scripts/capstone_classifier.py (linear sweep, capstone detail mode, groups)
#   scripts/iced_classifier.py     (linear sweep, iced-x86 CpuidFeature; x86 files only)
# Each tool runs N times under /usr/bin/time -v; reported: median wall seconds, MB of executable
# code per second (each tool's own byte count), ratio to armready, and the median peak RSS.
# bench-isa.sh (all cores, test harness, objdump) is unchanged.
#
# Usage: scripts/bench-isa-large.sh [--runs N] [--no-build] FILE...
#   BENCH_DIR (default /tmp/armready-bench-large) keeps the outputs; SCRATCH the release build.
# Needs: swift, python3 with capstone, lief, iced-x86; /usr/bin/time (GNU time).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${SCRATCH:-$repo/.build-bench}"
out="${BENCH_DIR:-/tmp/armready-bench-large}"
runs=3
build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) break ;;
    esac
done
[[ $# -gt 0 ]] || { echo "usage: $0 [--runs N] [--no-build] FILE..." >&2; exit 2; }
files=("$@")
mkdir -p "$out"
rm -f "$out"/*.time "$out"/*.out

if [[ $build -eq 1 ]]; then
    # Same flags as bench-isa.sh, so both scripts share one release build in $scratch.
    (cd "$repo" && swift build -c release -Xswiftc -enable-testing --product armready --scratch-path "$scratch" >/dev/null)
fi
armready="$scratch/release/armready"
echo "${#files[@]} files, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

measure() { # name command...: N runs, outputs kept as $out/name.I.{out,time}
    local name="$1" i
    shift
    for ((i = 1; i <= runs; i++)); do
        /usr/bin/time -v -o "$out/$name.$i.time" "$@" > "$out/$name.$i.out" || true
    done
}
# No per-file byte cap: the whole code of a large module is decoded, as the references do.
measure armready "$armready" inspect --isa --isa-max-bytes 17179869184 --format json "${files[@]}"
measure capstone python3 "$repo/scripts/capstone_classifier.py" --jobs 1 "${files[@]}"
measure iced python3 "$repo/scripts/iced_classifier.py" --jobs 1 "${files[@]}"

python3 - "$out" "$runs" <<'EOF'
import glob, json, re, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])

def timing(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return secs, rss / 1024

def code_bytes(name, path):
    doc = json.load(open(path))
    if name == "armready":
        return sum((f.get("isa") or {}).get("bytesDecoded", 0) for f in doc["files"])
    return doc["bytes"]

rows = []
for name in ("armready", "capstone", "iced"):
    t = [timing(f"{out}/{name}.{i}.time") for i in range(1, runs + 1)]
    try:
        size = code_bytes(name, f"{out}/{name}.1.out") / 1e6
    except (ValueError, KeyError):
        size = float("nan")
    rows.append((name, size, statistics.median(x[0] for x in t), statistics.median(x[1] for x in t),
                 min(x[0] for x in t), max(x[0] for x in t)))
print(f"{'tool':10} {'code MB':>9} {'median s':>9} {'min s':>8} {'max s':>8} {'MB/s':>8} {'x armready':>10} {'peak RSS MB':>11}")
ours = rows[0][1] / rows[0][2] if rows[0][2] else float("nan")
for name, size, secs, rss, lo, hi in rows:
    rate = size / secs if secs else float("nan")
    print(f"{name:10} {size:9.2f} {secs:9.2f} {lo:8.2f} {hi:8.2f} {rate:8.2f} {rate / ours if ours else 0:10.3f} {rss:11.1f}")
print(f"\narmready / capstone: {ours / (rows[1][1] / rows[1][2]):.1f}x; armready / iced: "
      f"{ours / (rows[2][1] / rows[2][2]) if rows[2][1] else float('nan'):.1f}x (MB/s ratios, wall time incl. parsing)")
EOF
