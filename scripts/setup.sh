#!/usr/bin/env bash
# Installs the system packages armready builds and tests with, when they are missing.
# Needs root (or sudo) on Debian/Ubuntu. Safe to run again: it installs only what is absent.
set -euo pipefail

# libelf-dev and libzydis-dev: the two C libraries armready links.
# binutils: readelf, the independent reference the ELF tests compare against.
# python3-jsonschema: scripts/validate-sarif.py, run by ReportingTests (fails, never skips, without it).
packages=(libelf-dev libzydis-dev binutils pkg-config python3-jsonschema)
if [[ "${ARMREADY_SETUP_TEST_TOOLS:-1}" == 1 ]]; then
    packages+=(chromium)
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
