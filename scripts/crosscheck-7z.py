#!/usr/bin/env python3
"""Packs the fixture PEs (Tests/Fixtures/pe) with 7-Zip once per preset and filter (-mx0 to
-mx9, LZMA, BCJ2, ARM64, ARM, ARMT, PPC, SPARC, IA64, Delta, plain headers, one block per
file), extracts each with `7zz x`, and checks that `armready scan --report json` rates every
PE in it under its path with 7-Zip's SHA-256. Prints one line per archive; exits 1 on any
disagreement or diagnostic.

Usage: scripts/crosscheck-7z.py ARMREADY
Needs 7zz (Debian 7zip).
"""
import hashlib, json, os, pathlib, subprocess, sys, tempfile

ARMREADY = sys.argv[1]
PE = pathlib.Path(__file__).resolve().parent.parent / "Tests/Fixtures/pe"
PRESETS = ["-mx0", "-mx1", "-mx5", "-mx9", "-m0=LZMA -mf=off", "-m0=LZMA:d=64m", "-mhc=off", "-ms=off",
           "-mf=Delta:4", "-mf=ARM64", "-mf=ARM", "-mf=ARMT", "-mf=PPC", "-mf=SPARC", "-mf=IA64", "-mf=BCJ2"]
work = pathlib.Path(tempfile.mkdtemp())
inputs = sorted(p for p in PE.iterdir() if p.suffix in (".exe", ".dll"))
bad = 0
for index, preset in enumerate(PRESETS):
    archive = work / f"a{index}.7z"
    subprocess.run(["7zz", "a", "-bd", "-bso0", "-bsp0", *preset.split(), str(archive), *map(str, inputs)], check=True)
    out = work / f"x{index}"
    subprocess.run(["7zz", "x", "-y", "-bso0", f"-o{out}", str(archive)], check=True)
    want = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.read_bytes()[:2] == b"MZ"}
    listing = subprocess.run(["7zz", "l", "-slt", str(archive)], capture_output=True, text=True).stdout
    methods = sorted({l.split(" = ", 1)[1] for l in listing.splitlines() if l.startswith("Method = ")})
    report = json.loads(subprocess.run([ARMREADY, "scan", str(archive), "--report", "json"],
                                       capture_output=True, text=True).stdout)
    got = {b["path"].split("!/", 1)[1]: b.get("sha256") for b in report.get("binaries", [])}
    diagnostics = [d["message"] for d in report.get("diagnostics", [])]
    ok = got == want and not diagnostics
    bad += not ok
    print("ok " if ok else "BAD", preset, f"{len(want)} PEs", methods, diagnostics[:2])
sys.exit(1 if bad else 0)
