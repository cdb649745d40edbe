#!/usr/bin/env bash
# Builds armready in release mode and runs the scan benchmark (scripts/bench-scan.py) on a
# tree of real binaries: /usr/lib/x86_64-linux-gnu and /usr/bin by default, plus Windows
# wheels from PyPI with --fetch (numpy for win_amd64, win_arm64 and win32).
# Usage: scripts/bench-scan.sh [--fetch] [DIR...]
# Needs: python3 with pefile and lief (pip install pefile lief), file, /usr/bin/time.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bench="${BENCH_DIR:-/tmp/armready-bench-scan}"
if [[ "${1:-}" == "--fetch" ]]; then
    shift
    mkdir -p "$bench/wheels"
    for platform in win_amd64 win_arm64 win32; do
        pip download -q --no-deps --only-binary=:all: --platform "$platform" --python-version 3.12 numpy -d "$bench/wheels/$platform"
        for wheel in "$bench/wheels/$platform"/*.whl; do python3 -m zipfile -e "$wheel" "$bench/windows/$platform"; done
    done
fi
dirs=("$@")
if [[ ${#dirs[@]} -eq 0 ]]; then
    dirs=(/usr/lib/x86_64-linux-gnu /usr/bin)
    [[ -d "$bench/windows" ]] && dirs+=("$bench/windows")
fi
swift build -c release --package-path "$repo" --product armready >&2
python3 "$repo/scripts/bench-scan.py" "$repo/.build/release/armready" "${dirs[@]}"
