#!/usr/bin/env bash
# Regenerate Reports/example/report.html, the example HTML report of the bundled Samples/ tree.
#
# Until `armready scan` exists, the report is built from the Samples contract
# (Samples/expected.json, see Tests/ReportingTests/HTMLSampleReport.swift) by the HTML Chromium
# test with ARMREADY_WRITE_EXAMPLE_REPORT=1. Once the scan command can write HTML, this script
# uses it instead: `armready scan Samples --report html=Reports/example/report.html`.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${ARMREADY_SCRATCH:-.build-example}"
if swift run --scratch-path "$scratch" armready scan --help 2>/dev/null | grep -q -- '--report'; then
    swift run --scratch-path "$scratch" armready scan Samples --report html=Reports/example/report.html || [[ $? == 1 ]]
else
    ARMREADY_WRITE_EXAMPLE_REPORT=1 swift test --scratch-path "$scratch" --filter HTMLChromiumTests/sampleTreeReportInChromium
fi
echo "wrote Reports/example/report.html"
