#!/usr/bin/env bash
# Builds the installer-engine fixtures (engine-*) and engine-expected.json.
#   real tool output: engine-nsis-zlib.exe, engine-nsis-lzma-solid.exe (makensis 3.08 from
#   engine-app.nsi); engine-7z-appended.exe, engine-cab-appended.exe, engine-zip-appended.exe
#   (a fixture PE followed by an archive from 7zz / gcab / python zipfile: what an SFX looks
#   like on disk, Debian's 7zz ships no SFX module).
#   synthetic (engine-build.py, from the published layouts in installers.md): engine-burn.exe,
#   engine-inno.exe, engine-squirrel.exe, engine-velopack.exe, engine-installshield.exe;
#   engine-burn-chain.exe (burn-chain-build.py: a manifest whose chain picks MSIs by
#   InstallCondition, and burn-chain-expected.json).
# Needs makensis, 7zz, gcab, python3 with pefile.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
stub=../pe/x64_native_app.exe
payload=../pe/x86_console.exe
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

makensis -V2 -DOUT="$here/engine-nsis-zlib.exe" -DPAYLOAD="$here/$stub" engine-app.nsi
makensis -V2 -DSOLID_LZMA -DOUT="$here/engine-nsis-lzma-solid.exe" -DPAYLOAD="$here/$stub" engine-app.nsi

cp "$payload" "$work/app.exe"
(cd "$work" && 7zz a -bd -bso0 payload.7z app.exe && gcab -c payload.cab app.exe)
python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z: z.write(sys.argv[2], "app.exe")' "$work/payload.zip" "$work/app.exe"
cat "$stub" "$work/payload.7z" > engine-7z-appended.exe
cat "$stub" "$work/payload.cab" > engine-cab-appended.exe
cat "$stub" "$work/payload.zip" > engine-zip-appended.exe

python3 engine-build.py "$stub" "$work"
python3 burn-chain-build.py "$stub" "$work"
