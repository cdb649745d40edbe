#!/usr/bin/env bash
# Writes every scan output (JSON, SARIF, JUnit, Markdown, table) of one armready executable
# for a set of trees into OUTDIR, so two builds can be compared byte for byte (a refactoring
# must not change what users see):
#   scripts/snapshot-outputs.sh ARMREADY OUTDIR [TREE...]     (default tree: Samples)
#   diff -r before/ after/
# Each tree is scanned twice, with and without instruction-set decoding.
set -euo pipefail
armready="$1"; out="$2"; shift 2
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
trees=("$@")
[[ ${#trees[@]} -eq 0 ]] && trees=(Samples)
mkdir -p "$out"
for mode in isa no-isa; do
    flags=()
    [[ $mode == no-isa ]] && flags+=(--no-isa)
    name="$mode"
    status=0
    # SARIF URIs relative to the repository, whatever GITHUB_WORKSPACE says (older builds lack the option).
    GITHUB_WORKSPACE="$repo" "$armready" scan "${trees[@]}" "${flags[@]}" --quiet --color never \
        --report "json=$out/$name.json" --report "sarif=$out/$name.sarif" \
        --report "junit=$out/$name.junit.xml" --report "markdown=$out/$name.md" \
        --report table >"$out/$name.table.txt" || status=$?
    echo "$status" >"$out/$name.status"
done
