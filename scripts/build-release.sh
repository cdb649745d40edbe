#!/usr/bin/env bash
# Builds the self-contained release binary: the Swift runtime and Foundation linked in
# statically, rules and report templates compiled in, so the file can be copied anywhere
# with libelf and Zydis installed (apt: libelf1, libzydis4.0). Prints its path and its
# remaining shared-library dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product armready --scratch-path .build-static >&2
binary=".build-static/release/armready"
ldd "$binary" >&2
echo "$binary"
