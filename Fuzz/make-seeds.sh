#!/usr/bin/env bash
# Rebuilds Fuzz/Corpus (the committed seed corpora) from the repository's own small fixtures,
# rules and samples. Run from anywhere; the code seeds need llvm-objcopy (in the Swift
# toolchain's bin folder).
set -euo pipefail
objcopy="$(command -v llvm-objcopy || echo "$(dirname "$(readlink -f "$(command -v swift)")")/llvm-objcopy")"
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/Fuzz/Corpus"
rm -rf "$corpus"
mkdir -p "$corpus"/{pe,elf,zip,cab,7z,msi,x86,arm64,rules,config}

for f in "$root"/Tests/Fixtures/pe/* "$root"/Tests/Fixtures/isa/*.dll; do cp "$f" "$corpus/pe/"; done
for f in "$root"/Tests/Fixtures/elf/* "$root"/Tests/Fixtures/isa/*.elf; do cp "$f" "$corpus/elf/"; done
cp "$root"/Tests/Fixtures/archives/*.whl "$corpus/zip/"
cp "$root"/Tests/Fixtures/installers/msi-{x64,customaction}.msi "$root"/Tests/Fixtures/packages/Contoso.msixbundle "$corpus/msi/"
cp "$root"/Tests/Fixtures/installers/engine-{nsis-zlib,burn,inno}.exe "$corpus/pe/"
cp "$root"/Tests/Fixtures/installers/cab-{mszip,mszip-lzx-qtm,set-part1}.cab "$root"/Tests/Fixtures/installers/cab-sfx.exe "$corpus/cab/"
cp "$root"/Tests/Fixtures/installers/7z-{solid,ppmd,bcj2,arm64,encrypted,traversal}.7z "$corpus/7z/"
# A stored and a deflated entry, and an archive behind a stub.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'MZ\x90\x00' >"$work/a.dll"
head -c 3000 /dev/zero | tr '\0' 'x' >"$work/b.txt"
python3 - "$work" "$corpus/zip" <<'PY'
import sys, zipfile
work, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(f"{out}/stored-and-deflated.zip", "w") as z:
    z.write(f"{work}/a.dll", "lib/a.dll", compress_type=zipfile.ZIP_STORED)
    z.write(f"{work}/b.txt", "b.txt", compress_type=zipfile.ZIP_DEFLATED)
with open(f"{out}/stored-and-deflated.zip", "rb") as f:
    data = f.read()
with open(f"{out}/behind-a-stub.zip", "wb") as f:
    f.write(b"MZ" + b"\0" * 62 + data)
PY

# Code seeds: the .text of the instruction-set fixtures. x86 inputs start with a mode byte
# (even: x64, odd: x86), as the x86 target reads them.
for f in "$root"/Tests/Fixtures/isa/x64-*.elf; do
    "$objcopy" -O binary --only-section=.text "$f" "$work/text"
    { printf '\x00'; cat "$work/text"; } >"$corpus/x86/$(basename "$f" .elf)"
done
"$objcopy" -O binary --only-section=.text "$root/Tests/Fixtures/isa/x86-avx2.elf" "$work/text"
{ printf '\x01'; cat "$work/text"; } >"$corpus/x86/x86-avx2"
for f in "$root"/Tests/Fixtures/isa/arm64-*.elf "$root"/Tests/Fixtures/elf/aarch64_*; do
    "$objcopy" -O binary --only-section=.text "$f" "$corpus/arm64/$(basename "$f" .elf)"
done

cp "$root"/Rules/*.yaml "$root"/Rules/targets/*.yaml "$corpus/rules/"
cat >"$corpus/config/full.yml" <<'YML'
version: 1
target: copilot-plus-pc
fail-on: at-risk
fail-on-unknown: true
follow-symlinks: false
isa: true
archives: true
rules: [myrules, /opt/rules]
max-file-size: 1048576
cache: .armready-cache
exclude: ["sub/*", "*.tmp"]
suppressions:
  - rule: pe-x64-emulated
    binary: tools/helper.exe
    reason: vendor ships no Arm64 build
    expires: 2027-06-30
YML
printf 'version: 1\nfail-on: blocked\n' >"$corpus/config/minimal.yml"
echo "seeds: $(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)"
