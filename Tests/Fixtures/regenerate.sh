#!/usr/bin/env bash
# Rebuilds every committed fixture from src/, runs each */build.sh that other
# fixture owners add (e.g. isa/build.sh), then rewrites expected.json with
# scripts/fixture-expectations.py. Output is reproducible: running it twice
# gives byte-identical files.
set -euo pipefail

FIXTURES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$FIXTURES/../.." && pwd)"
TC="$(dirname "$(readlink -f "$(which swift)")")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export TC FIXTURES WORK

for tool in "$TC/clang" "$TC/lld-link" "$TC/llvm-ar" llvm-rc mcs ld readelf python3; do
    command -v "$tool" >/dev/null || { echo "regenerate.sh: missing $tool" >&2; exit 1; }
done
python3 -c 'import pefile, lief, dnfile' || {
    echo "regenerate.sh: needs pip packages pefile, lief, dnfile" >&2; exit 1; }

rm -rf "$FIXTURES/pe" "$FIXTURES/elf" "$FIXTURES/dotnet"
bash "$FIXTURES/src/build-pe.sh"
bash "$FIXTURES/src/build-elf.sh"
bash "$FIXTURES/src/build-dotnet.sh"

for script in "$FIXTURES"/*/build.sh; do
    [ -e "$script" ] || continue
    echo "regenerate.sh: running ${script#"$REPO"/}"
    (cd "$(dirname "$script")" && bash "$script")
done

cd "$REPO"
python3 scripts/fixture-expectations.py
