#!/usr/bin/env bash
# Builds armready in release mode and runs the scan benchmark (scripts/bench-scan.py) on a
# tree of real binaries: /usr/lib/x86_64-linux-gnu and /usr/bin by default, plus Windows
# wheels from PyPI with --fetch (numpy for win_amd64, win_arm64 and win32).
# With --fetch-wheels, also large Windows wheels (PySide6-Essentials, pyarrow, grpcio,
# cryptography, lxml, Pillow for win_amd64 and win_arm64, whatever of them exists), unpacked
# into $BENCH_DIR/wheels-unpacked: the PE-only tree of README's third triage row.
# Usage: scripts/bench-scan.sh [--fetch] [--fetch-wheels] [DIR...]
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
if [[ "${1:-}" == "--fetch-wheels" ]]; then
    shift
    for platform in win_amd64 win_arm64; do
        for package in PySide6-Essentials pyarrow grpcio cryptography lxml pillow; do
            pip download -q --no-deps --only-binary=:all: --platform "$platform" --python-version 3.12 "$package" \
                -d "$bench/big-wheels/$platform" || echo "bench-scan: no $platform wheel of $package" >&2
        done
    done
    for wheel in "$bench"/big-wheels/*/*.whl; do
        python3 -m zipfile -e "$wheel" "$bench/wheels-unpacked/$(basename "$wheel" .whl)"
    done
fi
dirs=("$@")
if [[ ${#dirs[@]} -eq 0 ]]; then
    dirs=(/usr/lib/x86_64-linux-gnu /usr/bin)
    [[ -d "$bench/windows" ]] && dirs+=("$bench/windows")
fi
swift build -c release --package-path "$repo" --product armready >&2
python3 "$repo/scripts/bench-scan.py" "$repo/.build/release/armready" "${dirs[@]}"
