#!/usr/bin/env bash
# Fails on any swift-format finding in Sources/, Tests/, Plugins/, Fuzz/ and the manifests, with the rule set in
# .swift-format (line length 120; NeverForceUnwrap, NeverUseForceTry and
# NeverUseImplicitlyUnwrappedOptionals among the rules: scanned files are hostile, so nothing
# derived from them may trap). Generated files are left as their generators write them.
#   scripts/lint.sh          check (CI runs this)
#   scripts/lint.sh --fix    reformat in place first, then check
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find Sources Tests Plugins Fuzz/Sources/ArmreadyFuzz -name '*.swift' -not -path '*/Generated/*' | sort; echo Package.swift; echo Fuzz/Package.swift)
if [[ "${1:-}" == "--fix" ]]; then
    swift format format --in-place --parallel "${files[@]}"
fi
if ! swift format lint --strict --parallel "${files[@]}"; then
    echo "lint: swift-format findings above (scripts/lint.sh --fix reformats)" >&2
    exit 1
fi
echo "lint: ${#files[@]} files follow .swift-format (no force unwraps, force tries or implicitly unwrapped optionals)"
