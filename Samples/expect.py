#!/usr/bin/env python3
"""Writes Samples/expected.json (to stdout): for every file in the sample applications, what
independent tools say about it, plus the reference verdicts that Samples/README.md explains.

"files" holds tool output only, never armready's:
  PE     pefile (headers, imports, exports, load config, resources, manifest text), LIEF
         (ARM64X/ARM64EC, code map, EC-view exports), dnfile (CLR header flags);
  x86/64 iced-x86 (CPUID feature of every instruction in the executable sections, linear
         sweep) and llvm-objdump -d (counts of instructions naming ymm/zmm registers, FMA
         mnemonics, CPUID/XGETBV);
  ELF    readelf -hW / -lW / -dW, LIEF (e_machine number);
  text   file -b (libmagic).
"applications" is hand-written from shared/reference/windows-on-arm.md and DESIGN.md §1 (see
README.md for the reasoning and the uncertain cases); it is not produced by any tool.
Run from Samples/ (build.sh does): python3 expect.py > expected.json
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import dnfile
import lief
import pefile
from iced_x86 import Code, CpuidFeature, Decoder, DecoderOptions, Mnemonic

APPS = ["NativeEditor", "LegacyVPN", "PhotoTool", "AudioHost", "ReportViewer", "ReportViewerArm",
        "Renderer", "Simulator", "LegacyInstaller", "LinuxTools", "ShellExt", "DataViewer"]
OBJDUMP = os.environ.get("LLVM_OBJDUMP", "llvm-objdump")
FEATURES = {getattr(CpuidFeature, n): n for n in dir(CpuidFeature) if n.isupper()}
MNEMONICS = {getattr(Mnemonic, n): n for n in dir(Mnemonic) if n[:1].isupper()}
# iced features that every x86/x64 CPU has; not worth listing.
BASE = {"INTEL8086", "INTEL186", "INTEL286", "INTEL386", "INTEL486", "X64", "PAUSE",
        "MULTIBYTENOP", "INTEL8086_ONLY", "INTEL386_ONLY", "INTEL286_ONLY", "CX8"}


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def iced_features(pe, bits):
    """{feature: count} over every executable section, plus cpuid/xgetbv counts (iced-x86)."""
    counts, dispatch = {}, {"cpuid": 0, "xgetbv": 0}
    for s in pe.sections:
        if not s.Characteristics & 0x20000000:  # IMAGE_SCN_MEM_EXECUTE
            continue
        data = s.get_data()[:s.Misc_VirtualSize]
        decoder = Decoder(bits, data, DecoderOptions.NONE)
        pos = 0
        while pos < len(data):
            decoder.position = pos
            decoder.ip = pe.OPTIONAL_HEADER.ImageBase + s.VirtualAddress + pos
            instr = decoder.decode()
            if instr.code == Code.INVALID or instr.len == 0:
                pos += 1
                continue
            pos += instr.len
            name = MNEMONICS.get(instr.mnemonic, "")
            if name in ("CPUID", "XGETBV"):
                dispatch[name.lower()] += 1
            for f in instr.cpuid_features():
                fname = FEATURES.get(f, str(f))
                if fname not in BASE:
                    counts[fname] = counts.get(fname, 0) + 1
    return {"icedCpuidFeatures": dict(sorted(counts.items())), **dispatch}


def objdump_counts(path):
    """Counts from llvm-objdump -d text: instructions naming ymm/zmm, FMA mnemonics, EVEX masks."""
    text = run(OBJDUMP, "-d", "--no-show-raw-insn", path)
    out = {"ymmInstructions": 0, "zmmInstructions": 0, "fmaInstructions": 0, "cpuid": 0}
    for line in text.splitlines():
        m = re.match(r"^\s*[0-9a-f]+:\s+(\S+)\s*(.*)$", line)
        if not m:
            continue
        mnemonic, ops = m.group(1), m.group(2).split("#")[0]
        out["ymmInstructions"] += "%ymm" in ops
        out["zmmInstructions"] += "%zmm" in ops
        out["fmaInstructions"] += mnemonic.startswith(("vfmadd", "vfmsub", "vfnmadd", "vfnmsub"))
        out["cpuid"] += mnemonic == "cpuid"
    return {"llvmObjdump": out}


def manifest_architectures(pe):
    if not hasattr(pe, "DIRECTORY_ENTRY_RESOURCE"):
        return None
    for entry in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if entry.id != 24:
            continue
        for name in entry.directory.entries:
            for lang in name.directory.entries:
                text = pe.get_data(lang.data.struct.OffsetToData, lang.data.struct.Size)
                for el in ET.fromstring(text).iter():
                    if el.tag.endswith("}supportedArchitectures"):
                        return {"namespace": el.tag[1:].split("}")[0], "value": el.text.split()}
    return None


def pe_facts(path):
    pe = pefile.PE(path)
    oh, fh = pe.OPTIONAL_HEADER, pe.FILE_HEADER
    lc = getattr(pe, "DIRECTORY_ENTRY_LOAD_CONFIG", None)
    chpe = getattr(lc.struct, "CHPEMetadataPointer", 0) if lc else None
    facts = {
        "format": "pe",
        "machine": fh.Machine, "machineHex": f"0x{fh.Machine:04X}",
        "machineName": pefile.MACHINE_TYPE.get(fh.Machine, "unknown"),
        "magic": f"0x{oh.Magic:03X}", "characteristics": fh.Characteristics,
        "subsystem": oh.Subsystem, "dllCharacteristics": oh.DllCharacteristics,
        "isDLL": pe.is_dll(), "pefileIsDriver": pe.is_driver(),
        "imports": {e.dll.decode().lower(): [i.name.decode() if i.name else f"#{i.ordinal}" for i in e.imports]
                    for e in getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])},
        "exports": [s.name.decode() if s.name else f"#{s.ordinal}"
                    for s in (pe.DIRECTORY_ENTRY_EXPORT.symbols if hasattr(pe, "DIRECTORY_ENTRY_EXPORT") else [])],
        "chpeMetadataPointer": chpe,
        "resourceTypes": [e.id for e in pe.DIRECTORY_ENTRY_RESOURCE.entries]
        if hasattr(pe, "DIRECTORY_ENTRY_RESOURCE") else [],
    }
    cfg = lief.PE.ParserConfig()
    cfg.parse_arm64x_binary = True
    binary = lief.PE.parse(path, cfg)
    lief_facts = {"isArm64X": binary.is_arm64x, "isArm64EC": binary.is_arm64ec}
    meta = binary.load_configuration.chpe_metadata if binary.load_configuration else None
    if meta is not None and hasattr(meta, "code_ranges"):
        lief_facts["codeRanges"] = [{"type": str(r.type).split(".")[-1], "start": r.start, "end": r.end}
                                    for r in meta.code_ranges]
    nested = binary.nested_pe_binary
    if nested is not None:
        lief_facts["nestedBinary"] = {"machine": nested.header.machine.value,
                                      "exports": [e.name for e in nested.get_export().entries]}
    facts["lief"] = lief_facts
    if oh.DATA_DIRECTORY[14].VirtualAddress:
        dn = dnfile.dnPE(path)
        flags = dn.net.Flags
        facts["clr"] = {"flags": dn.net.struct.Flags, "ilOnly": bool(flags.CLR_ILONLY),
                        "requires32Bit": bool(flags.CLR_32BITREQUIRED),
                        "prefers32Bit": bool(flags.CLR_PREFER_32BIT),
                        "metadataVersion": dn.net.metadata.struct.Version.rstrip(b"\0").decode()}
        dn.close()
    facts["manifestSupportedArchitectures"] = manifest_architectures(pe)
    if fh.Machine in (0x8664, 0x14C) and "clr" not in facts:
        facts["x86"] = {**iced_features(pe, 64 if fh.Machine == 0x8664 else 32), **objdump_counts(path)}
    pe.close()
    return facts


def elf_facts(path):
    header = run("readelf", "-hW", path)
    field = lambda name: re.search(rf"^\s*{name}:\s*(.*)$", header, re.M).group(1).strip()
    interp = re.search(r"Requesting program interpreter: ([^\]]+)\]", run("readelf", "-lW", path))
    dynamic = run("readelf", "-dW", path)
    return {"format": "elf", "class": field("Class"), "machineName": field("Machine"),
            "machine": lief.ELF.parse(path).header.machine_type.value, "type": field("Type"),
            "interpreter": interp.group(1) if interp else None,
            "needed": re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)}


def facts_for(path):
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic[:2] == b"MZ":
        return pe_facts(path)
    if magic == b"\x7fELF":
        return elf_facts(path)
    return {"format": "none", "file": run("file", "-b", path).strip()}


# Reference verdicts on the default target (copilot-plus-pc) unless a target is named, for each
# binary as scanned inside its application (so a DLL's host is known where the tree shows it).
# README.md gives the sections and rules quoted here; "confidence" is the reference's H/M/L.
# "execution" is null for blocked binaries whose rule names none (they do not run).
# "alsoAcceptable" lists verdicts the reference or DESIGN.md leaves room for.
def v(verdict, execution, rules, confidence="H", **extra):
    return {"verdict": verdict, "execution": execution, "rules": rules, "confidence": confidence, **extra}


APPLICATIONS = {
    "NativeEditor": {"verdict": "native", "rules": ["R1"], "binaries": {
        "editor.exe": v("native", "arm64", ["R1", "§0"]),
        "core.dll": v("native", "arm64", ["R1", "§0"])},
        "skipped": ["notes.txt"]},
    "LegacyVPN": {"verdict": "blocked", "rules": ["R11"], "binaries": {
        "vpnclient.exe": v("emulated", "x64", ["R4"]),
        "driver/vpnfilter.sys": v("blocked", None, ["R11", "§4.1"])},
        "skipped": ["driver/vpnfilter.inf"]},
    "PhotoTool": {"verdict": "blocked", "rules": ["§4.4", "§5", "R14"], "binaries": {
        "phototool.exe": v("native", "arm64", ["R1"], alsoAcceptable=["blocked"],
                           note="DESIGN.md §1 lists 'an Arm64 EXE that links an x64-only DLL' as "
                                "blocked; the file itself is R1 native"),
        "codec.dll": v("blocked", None, ["R14", "§5"],
                       note="x64 DLL whose only importer is an Arm64 exe; on its own it is R4 emulated")}},
    "AudioHost": {"verdict": "emulated", "rules": ["R4", "R2"], "binaries": {
        "host.exe": v("emulated", "x64", ["R4"]),
        "reverb.dll": v("native", "arm64x", ["R2", "§5"])}},
    "ReportViewer": {"verdict": "emulated", "rules": ["R15"], "binaries": {
        "viewer.exe": v("emulated", "x64", ["R15", "§6.2"])}},
    "ReportViewerArm": {"verdict": "native", "rules": ["R15"], "binaries": {
        "viewer.exe": v("native", "arm64", ["R15", "§6.2", "§10"],
                        note="needs Windows 11 24H2+ and .NET Framework 4.8.1")}},
    "Renderer": {"verdict": "emulated", "rules": ["R5"], "targets": {"windows-arm64-23h2": "at-risk"},
                 "binaries": {
        "render.exe": v("emulated", "x64", ["R5", "§3.1", "§3.2"], "M",
                        targets={"windows-arm64-23h2": "at-risk"})}},
    "Simulator": {"verdict": "blocked", "rules": ["R6"], "binaries": {
        "sim.exe": v("blocked", None, ["R6", "§3.2"], "M")}},
    "LegacyInstaller": {"verdict": "blocked", "rules": ["R9", "R26"], "binaries": {
        "setup.exe": v("emulated", "x86", ["R7", "R26"]),
        "armhelper.exe": v("blocked", "arm32", ["R9", "§4.2"])}},
    "LinuxTools": {"verdict": "blocked", "rules": ["R23"], "binaries": {
        "tool-arm64": v("native", "arm64", ["R22"]),
        "tool-x64": v("blocked", "x64", ["R23", "§8.1"], "M")}},
    "ShellExt": {"verdict": "at-risk", "rules": ["R13", "§4.4"], "alsoAcceptable": ["blocked"],
                 "binaries": {
        "contextmenu.dll": v("at-risk", "x64", ["R13", "R14", "§4.4"], "M", alsoAcceptable=["blocked"],
                             note="no host in the folder; the DllGetClassObject/DllCanUnloadNow/"
                                  "DllRegisterServer exports mark an in-proc COM server, which "
                                  "Arm64 Explorer cannot load (blocked there, M) while x64 hosts "
                                  "load it emulated (R4)")}},
    "DataViewer": {"verdict": "blocked", "rules": ["R18"], "binaries": {
        "dataviewer.exe": v("native", "arm64", ["R1"]),
        "runtimes/win-x64/native/sqlite3.dll": v("blocked", None, ["R18"], "M",
                                                 note="win-x64 asset with no win-arm64 counterpart "
                                                      "beside an Arm64 executable: the Arm64 "
                                                      "process finds no sqlite3.dll for its RID"),
        "runtimes/win-x64/native/zstd.dll": v("emulated", "x64", ["R4"],
                                              note="its win-arm64 counterpart is shipped, so an "
                                                   "Arm64 process loads that one; on its own the "
                                                   "x64 DLL is R4 emulated"),
        "runtimes/win-arm64/native/zstd.dll": v("native", "arm64", ["R1"])}},
}


def main():
    files = {}
    for app in APPS:
        for root, dirs, names in os.walk(app):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                files[path] = facts_for(path)
    tools = {"pefile": pefile.__version__, "lief": lief.__version__, "dnfile": dnfile.__version__,
             "readelf": run("readelf", "--version").splitlines()[0],
             "llvm-objdump": run(OBJDUMP, "--version").splitlines()[1].strip()}
    json.dump({"tools": tools, "files": files, "applications": APPLICATIONS},
              sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
