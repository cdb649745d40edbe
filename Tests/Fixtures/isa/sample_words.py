#!/usr/bin/env python3
"""AArch64 classifier regression sample: random 32-bit words that llvm-objdump decodes, each
labelled by expect.py's mnemonic rules (independent of armready).

Usage: sample_words.py OUT.json   (LLVM_OBJDUMP and LLVM_OBJCOPY name the tools)
Deterministic: a fixed seed, a fixed number of words per label.
"""
import collections
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("expect", os.path.join(here, "expect.py"))
expect = importlib.util.module_from_spec(spec)
spec.loader.exec_module(expect)

PER_LABEL = 60
BASE_WORDS = 300


def main():
    objdump = os.environ.get("LLVM_OBJDUMP", "llvm-objdump")
    objcopy = os.environ.get("LLVM_OBJCOPY", "llvm-objcopy")
    rng = random.Random(7)
    raw = bytes(rng.getrandbits(8) for _ in range(1_600_000))
    with tempfile.TemporaryDirectory() as tmp:
        blob, obj = os.path.join(tmp, "words.bin"), os.path.join(tmp, "words.o")
        open(blob, "wb").write(raw)
        subprocess.run([objcopy, "-I", "binary", "-O", "elf64-littleaarch64", "--rename-section",
                        ".data=.text,code,alloc,readonly,contents", blob, obj], check=True)
        text = subprocess.run([objdump, "-d", "--no-print-imm-hex", obj], capture_output=True, text=True,
                              check=True).stdout
    by_label = collections.defaultdict(list)
    for line in text.splitlines():
        m = re.match(r"^\s*[0-9a-f]+:\s+([0-9a-f]{8})\s+(\S+)\s*(.*)$", line)
        if not m or m.group(2).startswith("<unknown>"):
            continue
        mnemonic, ops = m.group(2), m.group(3).split("//")[0].strip()
        if mnemonic == "mrs" and "ID_AA64" in ops.upper():
            continue
        label = expect.classify_arm64(mnemonic, ops) or "base"
        limit = BASE_WORDS if label == "base" else PER_LABEL
        if len(by_label[label]) < limit:
            by_label[label].append({"word": m.group(1), "text": f"{mnemonic} {ops}".strip()})
    json.dump(dict(sorted(by_label.items())), open(sys.argv[1], "w"), indent=1)


if __name__ == "__main__":
    main()
