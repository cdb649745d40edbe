#!/usr/bin/env bash
# Assembles flow.s, links it at fixed addresses (.text 0x410000, .data 0x420000) and writes
# flow.json for AArch64FunctionDecoderTests: the .text bytes (llvm-objcopy), every symbol's
# address and size (llvm-nm) and every direct branch's target as llvm-objdump prints it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(dirname "$(readlink -f "$(command -v swift)")")"
cd "$here"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$bin/clang" --target=aarch64-linux-gnu -c flow.s -o "$tmp/flow.o"
"$bin/ld.lld" -static --no-relax --build-id=none -e ipfp_check -Ttext=0x410000 --section-start=.data=0x420000 "$tmp/flow.o" -o flow.elf
"$bin/llvm-objcopy" -O binary --only-section=.text flow.elf "$tmp/text.bin"
"$bin/llvm-nm" -S --defined-only flow.elf > "$tmp/nm.txt"
"$bin/llvm-objdump" -d --mattr=+sve flow.elf > flow.objdump.txt
python3 - "$tmp/text.bin" "$tmp/nm.txt" flow.objdump.txt > flow.json <<'PY'
import json, re, sys
text = open(sys.argv[1], "rb").read()
symbols = {}
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) == 4:
        symbols[parts[3]] = {"address": int(parts[0], 16), "size": int(parts[1], 16)}
    elif len(parts) == 3:
        symbols[parts[2]] = {"address": int(parts[0], 16), "size": 0}
# "  410008: 94000006     	bl	0x410020 <ipfp_thunk>"
branch = re.compile(r"^\s*([0-9a-f]+):\s+[0-9a-f]{8}\s+(b|bl|b\.\w+|cbz|cbnz|tbz|tbnz)\s+.*?0x([0-9a-f]+)(?: <[^>]*>)?\s*$")
targets = {}
for line in open(sys.argv[3]):
    m = branch.match(line)
    if m:
        targets[str(int(m.group(1), 16))] = int(m.group(3), 16)
json.dump({"textAddress": 0x410000, "text": text.hex(), "symbols": symbols, "branchTargets": targets}, sys.stdout, indent=1, sort_keys=True)
PY
