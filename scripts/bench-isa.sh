#!/usr/bin/env bash
# ISA-scan throughput: armready's analyzer vs a capstone classifier vs objdump -d, on the same
# executable-section bytes, each using every core across files. Reports MB of code per second
# and ratios (DESIGN.md §7: target >= 5x the capstone classifier).
#
# Usage: scripts/bench-isa.sh [--fetch] [FILE...]
#   --fetch   download a real corpus first with apt-get download (libavcodec59 amd64,
#             libc6 arm64) and pip download (numpy win_amd64), into $BENCH_DIR (default /tmp/armready-bench)
#   FILE...   binaries to scan; default: the corpus in $BENCH_DIR if present, else large
#             shared libraries from /usr/lib/x86_64-linux-gnu plus the ISA fixtures.
# Needs: swift, python3 with capstone and lief, objdump, aarch64-linux-gnu-objdump (binutils-aarch64-linux-gnu).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bench="${BENCH_DIR:-/tmp/armready-bench}"
scratch="${SCRATCH:-$repo/.build-bench}"
mkdir -p "$bench"

if [[ "${1:-}" == "--fetch" ]]; then
    shift
    (cd "$bench"
        dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64 && apt-get update -qq; }
        apt-get download libavcodec59 libc6:arm64 >/dev/null 2>&1
        for deb in *.deb; do dpkg-deb -x "$deb" extracted; done
        pip download -q --no-deps --only-binary=:all: --platform win_amd64 --python-version 3.12 numpy -d wheels
        for whl in wheels/*.whl; do python3 -m zipfile -e "$whl" extracted/numpy-win; done)
fi

files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
    if [[ -d "$bench/extracted" ]]; then
        mapfile -t files < <(find "$bench/extracted" -type f \( -name '*.so*' -o -name '*.pyd' -o -name '*.dll' \) -size +100k | sort)
    else
        mapfile -t files < <(find /usr/lib/x86_64-linux-gnu -maxdepth 1 -type f -name '*.so*' -size +1M | sort | head -20)
        files+=("$repo"/Tests/Fixtures/isa/*.elf)
    fi
fi
list="$bench/files.txt"
printf '%s\n' "${files[@]}" > "$list"
echo "corpus: ${#files[@]} files, $(nproc) cores" >&2

# armready: release build of the test harness (ISABenchmarkHarness), sweep mode = same bytes as the others.
(cd "$repo" && swift build -c release -Xswiftc -enable-testing --build-tests --scratch-path "$scratch" >/dev/null)
run_armready() {
    (cd "$repo" && ARMREADY_ISA_FILES="$list" ARMREADY_ISA_MODE="$1" ARMREADY_ISA_OUT="$bench/armready-$1.json" \
        swift test -c release -Xswiftc -enable-testing --skip-build --scratch-path "$scratch" \
        --filter ISABenchmarkHarness >/dev/null)
}
run_armready sweep
run_armready functions
run_armready flow

python3 "$repo/scripts/capstone_classifier.py" "${files[@]}" > "$bench/capstone.json"

# objdump -d: GNU objdump per architecture, files spread over all cores; wall time measured here.
objdump_for() {
    case "$(od -An -tu2 -j18 -N2 "$1" 2>/dev/null | tr -d ' ')" in
        183) echo aarch64-linux-gnu-objdump ;;
        *) echo objdump ;;
    esac
}
export -f objdump_for
start=$(date +%s.%N)
printf '%s\0' "${files[@]}" | xargs -0 -P "$(nproc)" -n 1 bash -c '$(objdump_for "$0") -d --no-show-raw-insn "$0" >/dev/null 2>&1 || true'
end=$(date +%s.%N)
echo "$start $end" > "$bench/objdump.time"

python3 - "$bench" <<'EOF'
import json, sys
bench = sys.argv[1]
sweep = json.load(open(f"{bench}/armready-sweep.json"))
funcs = json.load(open(f"{bench}/armready-functions.json"))
flow = json.load(open(f"{bench}/armready-flow.json"))
cap = json.load(open(f"{bench}/capstone.json"))
start, end = map(float, open(f"{bench}/objdump.time").read().split())
mb = cap["bytes"] / 1e6
rows = [
    ("armready (linear sweep)", sweep["bytesDecoded"] / 1e6, sweep["seconds"]),
    ("armready (functions + sweep)", funcs["bytesDecoded"] / 1e6, funcs["seconds"]),
    ("armready (flow analysis + sweep)", flow["bytesDecoded"] / 1e6, flow["seconds"]),
    ("capstone classifier", mb, cap["seconds"]),
    ("objdump -d", mb, end - start),
]
print(f"{'tool':32} {'MB':>9} {'seconds':>9} {'MB/s':>9}")
for name, size, secs in rows:
    print(f"{name:32} {size:9.2f} {secs:9.3f} {size / secs:9.2f}")
ours = rows[0][1] / rows[0][2]
print(f"\nflow analysis cost: {flow['seconds'] / funcs['seconds']:.2f}x the time of functions + sweep")
print(f"ratio armready/capstone: {ours / (rows[2][1] / rows[2][2]):.1f}x (target >= 5x)")
print(f"ratio armready/objdump:  {ours / (rows[3][1] / rows[3][2]):.1f}x")
if abs(sweep["bytesDecoded"] - cap["bytes"]) > 0.01 * max(1, cap["bytes"]):
    print(f"note: bytes differ (armready {sweep['bytesDecoded']}, capstone {cap['bytes']})")
EOF
