#!/usr/bin/env bash
# Measures what a scan of a huge tree costs in memory: a generated tree of empty files
# (DIRS directories of FILES empty files each, 1,000 x 1,000 by default) with Samples/ beside
# them, scanned by a release build under /usr/bin/time -v. Prints the peak resident set size
# and the wall time; a scan that streams the walk into the analysers stays well under 200 MB.
# The tree is generated once under $WALK_MEMORY_DIR (default /tmp/armready-walk-memory) and
# reused while its size matches.
# Usage: scripts/measure-walk-memory.sh [--binary PATH] [--dirs N] [--files N]
# Needs: python3, /usr/bin/time (Debian package time).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${WALK_MEMORY_DIR:-/tmp/armready-walk-memory}"
binary=""
dirs=1000
files=1000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --dirs) dirs="$2"; shift 2 ;;
        --files) files="$2"; shift 2 ;;
        *) echo "usage: $0 [--binary PATH] [--dirs N] [--files N]" >&2; exit 64 ;;
    esac
done
if [[ -z "$binary" ]]; then
    swift build -c release --package-path "$repo" --product armready >&2
    binary="$repo/.build/release/armready"
fi
tree="$work/tree"
shape="$dirs x $files"
if [[ "$(cat "$work/shape" 2>/dev/null)" != "$shape" ]]; then
    rm -rf "$work"
    mkdir -p "$tree"
    echo "measure-walk-memory: generating $shape empty files in $tree" >&2
    python3 - "$tree" "$dirs" "$files" <<'PY'
import os, sys
root, dirs, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for d in range(dirs):
    directory = os.path.join(root, f"d{d:04}")
    os.mkdir(directory)
    for f in range(files):
        os.close(os.open(os.path.join(directory, f"f{f:04}.txt"), os.O_CREAT | os.O_WRONLY, 0o644))
PY
    cp -r "$repo/Samples" "$tree/Samples"
    echo "$shape" > "$work/shape"
fi
/usr/bin/time -v -o "$work/time.txt" "$binary" scan "$tree" --report json="$work/report.json" --quiet || true
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ {print $2}' "$work/time.txt")
user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
system=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
status=$(awk -F': ' '/Exit status/ {print $2}' "$work/time.txt")
counts=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["filesExamined"], "files examined,", s["binaries"], "binaries")' "$work/report.json" 2>/dev/null || echo "no report")
echo "files: $shape empty + Samples/ ($counts)"
echo "exit status: $status"
echo "peak RSS: $((peak_kb / 1024)) MB ($peak_kb kB)"
echo "wall time: $wall (CPU: user ${user} s, system ${system} s)"
