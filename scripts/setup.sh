#!/usr/bin/env bash
# Installs the system packages armready needs, when they are missing. Safe to run again.
#   scripts/setup.sh          build and run: libelf, Zydis, zlib
#   scripts/setup.sh --test   also the tools the tests compare against or drive:
#                             readelf (binutils), chromium (HTML report), python3-jsonschema (SARIF schema)
# Needs root or sudo on Debian/Ubuntu.
set -euo pipefail

packages=(libelf-dev libzydis-dev zlib1g-dev pkg-config)
if [[ "${1:-}" == "--test" || "${ARMREADY_SETUP_TEST_TOOLS:-0}" == 1 ]]; then
    packages+=(binutils chromium python3 python3-jsonschema)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
