#!/usr/bin/env python3
"""Measure how armready degrades on hand-made PE files (the corkami PE proofs of concept).

Usage: scripts/corkami-check.py ARMREADY DIR [--timeout SECONDS] [--verbose]

DIR holds the files (corkami/pocs `PE/bin`, extracted with `git archive` or `git show`). For
every file, pefile and LIEF are asked for FileHeader.Machine; the files both read and agree on
are the *agreed* set. `ARMREADY inspect --format json FILE` runs on every file, one process per
file with a time limit, so a crash or a hang is counted against that file alone. Printed: the
size of the agreed set, how many of those armready reports with the same machine and an
execution, the rest with armready's reason, and every crash, hang or warning count.

Exit status: 0 when at least 98% of the agreed files are reported and nothing crashed or hung.
"""
import argparse
import json
import warnings
import os
import subprocess
import sys

import lief
import pefile

# FileHeader.Machine → the executions armready may report: hybrid and .NET images run otherwise
# than their machine says (IL-only I386 is neutral, AMD64 + CHPE is Arm64EC).
EXECUTIONS = {
    0x14C: {"x86", "neutral"}, 0x8664: {"x64", "arm64ec"}, 0xAA64: {"arm64", "arm64x"},
    0x1C0: {"arm32"}, 0x1C2: {"arm32"}, 0x1C4: {"arm32"},
}


def pefile_machine(path):
    try:
        pe = pefile.PE(path, fast_load=True)
        return pe.FILE_HEADER.Machine, None
    except Exception as error:  # pefile raises PEFormatError and, on odd files, anything else
        return None, f"{type(error).__name__}: {error}"


def lief_machine(path):
    warnings.simplefilter("ignore", RuntimeWarning)  # LIEF warns on machine values it does not name
    lief.logging.disable()
    try:
        binary = lief.PE.parse(path)
    except Exception as error:
        return None, f"{type(error).__name__}: {error}"
    if binary is None:
        return None, "lief.PE.parse returned None"
    machine = binary.header.machine  # an enum member, or a plain int for values LIEF does not name
    return int(getattr(machine, "value", machine)), None


def armready(tool, path, timeout):
    """(file entry or None, problem or None): problem is 'crash ...', 'hang' or 'bad json'."""
    try:
        run = subprocess.run(
            [tool, "inspect", "--format", "json", path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"hang (> {timeout}s)"
    if run.returncode not in (0, 1):
        return None, f"crash (exit {run.returncode}): {run.stderr.decode(errors='replace').strip()[:200]}"
    try:
        return json.loads(run.stdout)["files"][0], None
    except (ValueError, KeyError, IndexError):
        return None, "bad json"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("armready")
    parser.add_argument("dir")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--verbose", action="store_true", help="also list the warnings of each file")
    args = parser.parse_args()

    names = sorted(n for n in os.listdir(args.dir) if os.path.isfile(os.path.join(args.dir, n)))
    agreed, disagreed, reported, missing, problems = [], [], [], [], []
    warned = {}
    for name in names:
        path = os.path.join(args.dir, name)
        p_machine, p_error = pefile_machine(path)
        l_machine, l_error = lief_machine(path)
        entry, problem = armready(args.armready, path, args.timeout)
        if problem:
            problems.append((name, problem))
        if entry and entry.get("warnings"):
            warned[name] = entry["warnings"]
        if p_machine is None or l_machine is None or p_machine != l_machine:
            disagreed.append((name, p_machine, p_error, l_machine, l_error))
            continue
        agreed.append(name)
        if entry is None:
            missing.append((name, hex(p_machine), problem))
            continue
        machine = entry.get("machine")
        execution = entry.get("execution")
        allowed = EXECUTIONS.get(p_machine, {"other"})
        if entry.get("error"):
            missing.append((name, hex(p_machine), entry["error"]))
        elif machine != p_machine:
            missing.append((name, hex(p_machine), f"armready machine {machine!r} differs"))
        elif execution not in allowed:
            missing.append((name, hex(p_machine), f"execution {execution!r}, expected one of {sorted(allowed)}"))
        else:
            reported.append(name)

    share = 100.0 * len(reported) / len(agreed) if agreed else 0.0
    print(f"files: {len(names)}")
    print(f"pefile and LIEF read and agree on machine: {len(agreed)}")
    print(f"armready reports that machine and an execution: {len(reported)} ({share:.1f}%)")
    print(f"files with warnings: {len(warned)}")
    if missing:
        print("\nagreed files armready does not report:")
        for name, machine, reason in missing:
            print(f"  {name} (machine {machine}): {reason}")
    if problems:
        print("\ncrashes and hangs:")
        for name, problem in problems:
            print(f"  {name}: {problem}")
    print("\nnot in the agreed set (pefile / LIEF):")
    for name, p_machine, p_error, l_machine, l_error in disagreed:
        left = hex(p_machine) if p_machine is not None else p_error
        right = hex(l_machine) if l_machine is not None else l_error
        print(f"  {name}: pefile {left}; LIEF {right}")
    if args.verbose and warned:
        print("\nwarnings:")
        for name, warnings in sorted(warned.items()):
            for warning in warnings:
                print(f"  {name}: {warning.get('structure')}: {warning.get('message')}")
    return 0 if share >= 98.0 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
