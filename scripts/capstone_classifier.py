#!/usr/bin/env python3
"""Reference ISA classifier for the benchmark: capstone (PyPI) over the same executable sections.

For each file (ELF or PE, parsed with LIEF) every executable section is disassembled by a linear
sweep with capstone in detail mode (skipdata on, so an undecodable position is skipped as armready
does), and instructions are counted per capstone instruction group (AVX2, AVX512, SVE2, ...).
Files are spread over a process pool (--jobs N, default every core), one file per task.
Prints JSON: {"seconds", "bytes", "instructions", "files": {path: {group: count}}}.
"""
import json
import multiprocessing
import sys
import time

import capstone
import lief


def sections_of(path):
    binary = lief.parse(path)
    if binary is None:
        return None, []
    if isinstance(binary, lief.ELF.Binary):
        machine = binary.header.machine_type
        arch = {lief.ELF.ARCH.X86_64: "x64", lief.ELF.ARCH.I386: "x86", lief.ELF.ARCH.AARCH64: "arm64"}.get(machine)
        secs = [(s.virtual_address, s.offset, s.size) for s in binary.sections
                if s.has(lief.ELF.Section.FLAGS.EXECINSTR) and s.type != lief.ELF.Section.TYPE.NOBITS]
    elif isinstance(binary, lief.PE.Binary):
        machine = binary.header.machine
        arch = {lief.PE.Header.MACHINE_TYPES.AMD64: "x64", lief.PE.Header.MACHINE_TYPES.I386: "x86",
                lief.PE.Header.MACHINE_TYPES.ARM64: "arm64"}.get(machine)
        secs = [(s.virtual_address, s.offset, min(s.size, s.virtual_size or s.size)) for s in binary.sections
                if s.has_characteristic(lief.PE.Section.CHARACTERISTICS.MEM_EXECUTE)
                or s.has_characteristic(lief.PE.Section.CHARACTERISTICS.CNT_CODE)]
    else:
        return None, []
    return arch, secs


def classify(path):
    arch, secs = sections_of(path)
    if arch is None:
        return path, {}, 0, 0
    mode = {"x64": (capstone.CS_ARCH_X86, capstone.CS_MODE_64), "x86": (capstone.CS_ARCH_X86, capstone.CS_MODE_32),
            "arm64": (capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)}[arch]
    md = capstone.Cs(*mode)
    md.detail = True
    md.skipdata = True
    data = open(path, "rb").read()
    counts = {}
    total = 0
    instructions = 0
    for address, offset, size in secs:
        code = data[offset:offset + size]
        total += len(code)
        for insn in md.disasm(code, address):
            instructions += 1
            if insn.id == 0:  # a skipped data byte (SKIPDATA), carries no groups
                continue
            for group in insn.groups:
                name = insn.group_name(group) or str(group)
                counts[name] = counts.get(name, 0) + 1
    return path, counts, total, instructions


def jobs_and_paths(argv):
    """`[--jobs N] FILE...` -> (N, files); N defaults to the core count."""
    jobs = multiprocessing.cpu_count()
    if len(argv) >= 2 and argv[0] == "--jobs":
        jobs, argv = max(1, int(argv[1])), argv[2:]
    return jobs, [p for p in argv if p]


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
