#!/usr/bin/env bash
# Regenerate Reports/example/report.html, the example HTML report of the bundled Samples/ tree:
# `armready scan Samples --report html=...` from the repository root, with the time pinned by
# SOURCE_DATE_EPOCH so the file only changes when the scan or the report changes.
# The scan gate fails on the sample tree (it has blocked apps): exit status 1 is expected.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${ARMREADY_SCRATCH:-.build-example}"
swift build --scratch-path "$scratch" --product armready
bin="$(swift build --scratch-path "$scratch" --show-bin-path)/armready"
mkdir -p Reports/example
status=0
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767225600}" "$bin" scan Samples --quiet \
    --report html=Reports/example/report.html || status=$?
if [[ $status -gt 1 ]]; then
    echo "armready scan failed with exit status $status" >&2
    exit "$status"
fi
echo "wrote Reports/example/report.html"
