#!/usr/bin/env bash
# Proves the release tarball runs on a bare Debian 12: debootstraps a minimal bookworm (kept in
# CHROOT, default /var/tmp/armready-bookworm, and reused), installs only the run-time
# libraries the README names (libelf1 liblzma5 libmspack0 libzydis4.0 zlib1g), unpacks the tarball and runs
# `armready --version` and `armready scan Samples` inside. Needs root and network access to a
# Debian mirror (MIRROR, default http://deb.debian.org/debian).
#   scripts/check-release-chroot.sh dist/armready-VERSION-linux-x86_64.tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."
tarball="${1:?usage: scripts/check-release-chroot.sh TARBALL}"
chroot_dir="${CHROOT:-/var/tmp/armready-bookworm}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
[[ $(id -u) -eq 0 ]] || { echo "check-release-chroot: needs root (debootstrap, chroot)" >&2; exit 64; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null

if [[ ! -x "$chroot_dir/usr/bin/apt-get" ]]; then
    echo "check-release-chroot: debootstrap bookworm (minbase) into $chroot_dir" >&2
    debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >&2
fi
cleanup() { umount "$chroot_dir/proc" 2>/dev/null || true; }
trap cleanup EXIT
mountpoint -q "$chroot_dir/proc" || mount -t proc proc "$chroot_dir/proc"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"

echo "check-release-chroot: apt-get install libelf1 liblzma5 libmspack0 libzydis4.0 zlib1g (and nothing else)" >&2
chroot "$chroot_dir" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libelf1 liblzma5 libmspack0 libzydis4.0 zlib1g >/dev/null'

rm -rf "$chroot_dir/opt/armready" "$chroot_dir/opt/Samples"
mkdir -p "$chroot_dir/opt/armready"
tar -xzf "$tarball" -C "$chroot_dir/opt/armready" --strip-components=1
cp -r Samples "$chroot_dir/opt/Samples"
echo "check-release-chroot: inside the chroot:" >&2
chroot "$chroot_dir" /opt/armready/armready --version
set +e
chroot "$chroot_dir" /bin/sh -c 'cd /opt && /opt/armready/armready scan Samples --report table --report html=/opt/report.html'
status=$?
set -e
# The sample tree holds blocked binaries but no gate was asked for: 0 is the only success.
if ((status != 0)); then echo "check-release-chroot: scan exited $status" >&2; exit 1; fi
[[ -s "$chroot_dir/opt/report.html" ]] || { echo "check-release-chroot: no HTML report" >&2; exit 1; }
echo "check-release-chroot: the release binary scanned Samples in a bare Debian 12 ($status)" >&2
