#!/usr/bin/env bash
# Fails when Sources/ contains a force unwrap, a force try or an implicitly unwrapped optional
# (swift-format's NeverForceUnwrap, NeverUseForceTry, NeverUseImplicitlyUnwrappedOptionals,
# enabled in .swift-format): scanned files are hostile, so nothing derived from them may trap.
# Layout findings are not enforced; only these three rules are.
set -euo pipefail
cd "$(dirname "$0")/.."
findings=$(swift format lint --recursive Sources 2>&1 |
    grep -E '\[(NeverForceUnwrap|NeverUseForceTry|NeverUseImplicitlyUnwrappedOptionals)\]' || true)
if [[ -n "$findings" ]]; then
    echo "$findings"
    echo "lint: force unwraps / force tries found (see above)" >&2
    exit 1
fi
echo "lint: no force unwraps, force tries or implicitly unwrapped optionals in Sources/"
