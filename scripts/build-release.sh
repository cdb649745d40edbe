#!/usr/bin/env bash
# Builds the release: the armready binary with the Swift runtime and Foundation linked in
# statically and the rules and report templates compiled in, packed as
#   dist/armready-VERSION-linux-x86_64.tar.gz   (armready, README.md, docs/, RUNTIME-LIBRARIES)
#   dist/SHA256SUMS
# At run time it needs only libelf, Zydis, zlib and the C/C++ runtime
# (Debian/Ubuntu: apt-get install libelf1 liblzma5 libmspack0 libzydis4.0 zlib1g). Prints the tarball's path.
# scripts/check-release-chroot.sh proves that on a bare Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product armready --scratch-path .build-static >&2
binary=".build-static/release/armready"
# "armready 0.1.0 (commit …, rules …)" or a bare "0.1.0": the version is the first word that
# starts with a digit.
version="$("$binary" --version | tr ' ' '\n' | grep -m1 '^[0-9]')"
arch="$(uname -m)"
name="armready-$version-linux-$arch"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" dist
cp "$binary" "$stage/$name/armready"
strip "$stage/$name/armready" 2>/dev/null || true
cp README.md "$stage/$name/"
cp -r docs "$stage/$name/docs"
{
    echo "armready $version needs these shared libraries at run time (ldd):"
    ldd "$binary" | sed 's/ (0x[0-9a-f]*)//'
    echo
    echo "Debian 12 / Ubuntu: apt-get install libelf1 liblzma5 libmspack0 libzydis4.0 zlib1g"
} >"$stage/$name/RUNTIME-LIBRARIES"
# Reproducible archive: sorted names, fixed owner and time.
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
    | gzip -n >"dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" >SHA256SUMS)
ldd "$binary" >&2
echo "dist/$name.tar.gz"
