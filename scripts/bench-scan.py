#!/usr/bin/env python3
"""Triage and full-scan benchmark (DESIGN.md §7): armready against `file` and against the
pefile/LIEF Python libraries on the same files, in the same run, as medians of N runs.

Usage: scripts/bench-scan.py ARMREADY [--runs N] [--python-sample N] DIR...

- triage:  `armready scan --no-isa` over the tree (every core), twice: with `--report json`,
  which hashes every binary (SHA-256), and with `--report table`, which needs no digest and
  skips hashing;
- hashing: `openssl dgst -sha256` over the same binaries, one process per core: the floor
  for any scan that reports each binary's SHA-256;
- file:    `file -b` over every regular file, one process per core (xargs -P);
- pefile/LIEF: parse every PE with pefile (the directories armready's triage reads: imports,
  delay imports, exports, load config, resources, debug) and every ELF with LIEF, one
  long-lived process per core; with --python-sample N only the first N binaries are parsed
  and the time is scaled to the whole set (said in the output). The Python side computes no
  digest. `import pefile, lief` is timed on its own (paid once per process);
- full:    `armready scan` with instruction-set decoding.
Prints files/s and the ratios, and armready's peak resident memory (from /usr/bin/time -v).
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

def regular_files(dirs):
    out = []
    for root in dirs:
        for d, subdirs, names in os.walk(root):
            subdirs.sort()
            for n in sorted(names):
                p = os.path.join(d, n)
                if os.path.isfile(p) and not os.path.islink(p):
                    out.append(p)
    return out

def timed(cmd, **kw):
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start

def peak_rss_mb(cmd):
    out = subprocess.run(['/usr/bin/time', '-v', *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r'Maximum resident set size \(kbytes\): (\d+)', out.stderr)
    return int(m.group(1)) / 1024 if m else float('nan')

PY_PARSER = r'''
import sys, pefile, lief
lief.logging.disable()
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        magic = f.read(4)
    try:
        if magic[:2] == b'MZ':
            pe = pefile.PE(path, fast_load=True)
            pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY[k] for k in (
                'IMAGE_DIRECTORY_ENTRY_IMPORT', 'IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT',
                'IMAGE_DIRECTORY_ENTRY_EXPORT', 'IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG',
                'IMAGE_DIRECTORY_ENTRY_RESOURCE', 'IMAGE_DIRECTORY_ENTRY_DEBUG')])
        elif magic == b'\x7fELF':
            lief.parse(path)
    except Exception:
        pass
'''

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('armready')
    ap.add_argument('dirs', nargs='+')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--python-sample', type=int, default=0)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    files = regular_files(args.dirs)
    binaries = []
    for p in files:
        try:
            with open(p, 'rb') as f:
                m = f.read(4)
        except OSError:
            continue
        if m[:2] == b'MZ' or m == b'\x7fELF':
            binaries.append(p)
    size = sum(os.path.getsize(p) for p in files)
    print(f'corpus: {len(files)} files ({len(binaries)} PE/ELF), {size / 2**20:.0f} MiB, {cores} cores, median of {args.runs} runs')

    with tempfile.NamedTemporaryFile('w', delete=False) as lst:
        lst.write('\0'.join(files))
        listing = lst.name

    def median(cmd):
        return statistics.median(timed(cmd) for _ in range(args.runs))

    triage = median([args.armready, 'scan', '--no-isa', '--quiet', '--report', 'json', *args.dirs])
    triage_table = median([args.armready, 'scan', '--no-isa', '--quiet', '--report', 'table', *args.dirs])
    with tempfile.NamedTemporaryFile('w', delete=False) as hlst:
        hlst.write('\0'.join(binaries))
        hash_listing = hlst.name
    per_hash_process = max(1, -(-len(binaries) // cores))
    hashing = median(['sh', '-c', f'xargs -0 -P {cores} -n {per_hash_process} openssl dgst -sha256 < {hash_listing}'])
    imports = median([sys.executable, '-c', 'import pefile, lief'])
    file_time = median(['sh', '-c', f'xargs -0 -P {cores} -n 64 file -b < {listing}'])
    sample = binaries[:args.python_sample] if args.python_sample else binaries
    with tempfile.NamedTemporaryFile('w', delete=False, suffix='.py') as script:
        script.write(PY_PARSER)
        parser = script.name
    with tempfile.NamedTemporaryFile('w', delete=False) as blst:
        blst.write('\0'.join(sample))
        blisting = blst.name
    # One long-lived Python process per core (not one per few files), so interpreter start-up
    # and `import pefile, lief` are paid once per core, as a real tool would pay them.
    per_process = max(1, -(-len(sample) // cores))
    py_time = statistics.median(
        timed(['sh', '-c', f'xargs -0 -P {cores} -n {per_process} {sys.executable} {parser} < {blisting}']) for _ in range(1 if args.python_sample else args.runs))
    py_scaled = py_time * len(binaries) / max(len(sample), 1)
    full = median([args.armready, 'scan', '--quiet', '--report', 'json', *args.dirs])
    rss_triage = peak_rss_mb([args.armready, 'scan', '--no-isa', '--quiet', '--report', 'json', *args.dirs])
    rss_full = peak_rss_mb([args.armready, 'scan', '--quiet', '--report', 'json', *args.dirs])

    def rate(seconds):
        return len(files) / seconds if seconds > 0 else float('inf')
    binary_mib = sum(os.path.getsize(p) for p in binaries) / 2**20
    print(f'armready triage, json (hashes): {triage:7.2f} s  {rate(triage):8.0f} files/s  peak RSS {rss_triage:.0f} MB')
    print(f'armready triage, table (no hash): {triage_table:5.2f} s  {rate(triage_table):8.0f} files/s')
    print(f'file -b (xargs -P {cores}):         {file_time:7.2f} s  {rate(file_time):8.0f} files/s   -> armready is {file_time / triage:.1f}x (json) / {file_time / triage_table:.1f}x (table) faster')
    note = f' (sampled {len(sample)} of {len(binaries)} binaries, scaled)' if args.python_sample else ''
    print(f'pefile/LIEF (-P {cores}):          {py_scaled:7.2f} s{note}   -> armready is {py_scaled / triage:.1f}x (json) / {py_scaled / triage_table:.1f}x (table) faster')
    print(f'  of which `import pefile, lief`: {imports:5.2f} s per process')
    print(f'openssl dgst -sha256 (-P {cores}): {hashing:7.2f} s for {binary_mib:.0f} MiB of binaries: a report with digests cannot beat pefile/LIEF by more than {py_scaled / hashing:.1f}x here')
    print(f'armready full scan (ISA):   {full:7.2f} s  {rate(full):8.0f} files/s  peak RSS {rss_full:.0f} MB')
    for tmp in (listing, blisting, parser, hash_listing):
        os.unlink(tmp)

main()
