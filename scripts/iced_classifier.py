#!/usr/bin/env python3
"""Reference x86 ISA classifier for the benchmark: iced-x86 (PyPI) over the same executable sections.

Same sections as capstone_classifier.py (LIEF); each executable section of an x86/x64 file is
decoded by a linear sweep with iced-x86 and instructions are counted per CpuidFeature name.
AArch64 and other files are skipped (iced-x86 decodes x86 only) and add no bytes.
Files are spread over --jobs processes (default: every core), one file per task.
Prints JSON: {"seconds", "bytes", "instructions", "files": {path: {feature: count}}}.
"""
import json
import multiprocessing
import sys
import time

import iced_x86

from capstone_classifier import jobs_and_paths, sections_of

NAMES = {v: k for k, v in vars(iced_x86.CpuidFeature).items() if isinstance(v, int) and not k.startswith("_")}


def classify(path):
    arch, secs = sections_of(path)
    if arch not in ("x64", "x86"):
        return path, {}, 0, 0
    bitness = 64 if arch == "x64" else 32
    data = open(path, "rb").read()
    counts = {}
    cache = {}
    total = instructions = 0
    for address, offset, size in secs:
        code = data[offset:offset + size]
        total += len(code)
        for instr in iced_x86.Decoder(bitness, code, ip=address):
            instructions += 1
            key = instr.code
            feats = cache.get(key)
            if feats is None:
                feats = cache[key] = tuple(NAMES.get(f, str(f)) for f in instr.cpuid_features())
            for name in feats:
                counts[name] = counts.get(name, 0) + 1
    return path, counts, total, instructions


def main():
    jobs, paths = jobs_and_paths(sys.argv[1:])
    start = time.perf_counter()
    with multiprocessing.Pool(jobs) as pool:
        results = pool.map(classify, paths, chunksize=1)
    seconds = time.perf_counter() - start
    out = {"seconds": seconds, "bytes": sum(r[2] for r in results), "instructions": sum(r[3] for r in results),
           "files": {r[0]: r[1] for r in results}}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
