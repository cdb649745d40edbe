#!/usr/bin/env python3
"""The ceiling Zydis puts on x86 instruction-set analysis: Zydis 4 alone (minimal mode, linear
sweep, one thread, C) over the executable sections of each file, as MB/s of code per core and
for all cores. armready's flow analysis decodes every byte of code once through Zydis, so it
cannot beat this figure times the core count. Compare with `scripts/bench-isa-large.sh`.

Usage: scripts/zydis-floor.py [--runs N] FILE...   (x86/x64 PE and ELF; needs lief, clang, libzydis-dev)
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile
import lief

def code_ranges(path):
    binary = lief.parse(path)
    if isinstance(binary, lief.PE.Binary):
        bits = 64 if binary.header.machine == lief.PE.Header.MACHINE_TYPES.AMD64 else 32
        for section in binary.sections:
            if section.has_characteristic(lief.PE.Section.CHARACTERISTICS.MEM_EXECUTE) and section.sizeof_raw_data:
                yield section.offset, min(section.sizeof_raw_data, section.virtual_size or section.sizeof_raw_data), bits
    elif isinstance(binary, lief.ELF.Binary):
        bits = 64 if binary.header.identity_class == lief.ELF.Header.CLASS.ELF64 else 32
        for section in binary.sections:
            if section.has(lief.ELF.Section.FLAGS.EXECINSTR) and section.type != lief.ELF.Section.TYPE.NOBITS:
                yield section.file_offset, section.size, bits

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('files', nargs='+')
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp()
    try:
        tool = os.path.join(work, 'zydis_floor')
        subprocess.run([shutil.which('clang') or 'cc', '-O2', os.path.join(here, 'zydis_floor.c'), '-lZydis', '-o', tool], check=True)
        ranges = [(path, *r) for path in args.files for r in code_ranges(path)]
        totals = []
        for _ in range(args.runs):
            size = seconds = 0.0
            for path, offset, length, bits in ranges:
                out = subprocess.run([tool, path, str(offset), str(length), str(bits)], capture_output=True, text=True, check=True)
                n, s, _ = out.stdout.split()
                size += int(n)
                seconds += float(s)
            totals.append((size, seconds))
        size = totals[0][0]
        seconds = statistics.median(s for _, s in totals)
        cores = os.cpu_count() or 1
        rate = size / seconds / 1e6
        print(f'{len(args.files)} files, {size / 1e6:.2f} MB of code, median of {args.runs}: Zydis alone {seconds:.2f} s, '
              f'{rate:.1f} MB/s a core, at most {rate * cores:.0f} MB/s on {cores} cores')
    finally:
        shutil.rmtree(work)

main()
