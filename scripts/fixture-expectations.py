#!/usr/bin/env python3
"""Writes Tests/Fixtures/expected.json: what INDEPENDENT tools say about every
committed fixture, so armready's readers can be tested against them.

Sources, per field (see Tests/Fixtures/README.md for the full table):
  PE      pefile (headers, sections, imports, delay imports, exports, load config,
          exception directory, resources, VERSIONINFO, debug directory),
          LIEF (ARM64EC/ARM64X/CHPE metadata, code map, dynamic relocations,
          the EC view of ARM64X images, exception entries),
          dnfile (CLR header flags and metadata version string).
  pre-PE  file(1) and pefile's own error text; DOS header fields unpacked by offset.
  ELF     readelf (GNU binutils) for everything it prints; LIEF only for the
          numeric e_machine, which readelf prints as a name.
armready itself is never consulted.

Usage: python3 scripts/fixture-expectations.py   (from anywhere)
"""
import json
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import dnfile
import lief
import pefile

ROOT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures"
PE_DIRS = ("pe", "dotnet")
ELF_DIRS = ("elf",)
WINDOWS_SETTINGS_2024 = "{http://schemas.microsoft.com/SMI/2024/WindowsSettings}"
RT_MANIFEST = 24

lief.logging.disable()


def text(value):
    """pefile hands back bytes; the JSON wants str (or null)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.rstrip(b"\0").decode("utf-8", "replace")
    return str(value)


def run(*args):
    env = dict(os.environ, LC_ALL="C")
    return subprocess.run(args, check=True, capture_output=True, text=True, env=env).stdout


# ---------------------------------------------------------------- PE (pefile)

def pe_imports(entries):
    result = []
    for entry in entries:
        functions = []
        for imp in entry.imports:
            functions.append(text(imp.name) if imp.name else f"#{imp.ordinal}")
        result.append({"dll": text(entry.dll).lower(), "functions": functions})
    return result


def pe_exports(pe):
    if not hasattr(pe, "DIRECTORY_ENTRY_EXPORT"):
        return []
    return [{"ordinal": s.ordinal, "name": text(s.name), "forwarder": text(s.forwarder)}
            for s in pe.DIRECTORY_ENTRY_EXPORT.symbols]


def pe_resources(pe):
    """Resource type ids in directory order, and the first RT_MANIFEST's text."""
    types, manifest = [], None
    directory = getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)
    for rtype in directory.entries if directory else []:
        types.append(rtype.id if rtype.id is not None else text(rtype.name.string))
        if rtype.id == RT_MANIFEST and manifest is None:
            leaf = rtype.directory.entries[0].directory.entries[0].data.struct
            manifest = pe.get_data(leaf.OffsetToData, leaf.Size).decode("utf-8")
    return types, manifest


def manifest_architectures(manifest):
    if manifest is None:
        return None
    root = ET.fromstring(manifest.encode("utf-8"))
    for node in root.iter(WINDOWS_SETTINGS_2024 + "supportedArchitectures"):
        return node.text.strip()
    return None


def pe_version_info(pe):
    strings = {}
    for info in getattr(pe, "FileInfo", []) or []:
        for block in info:
            for table in getattr(block, "StringTable", []) or []:
                strings.update({text(k): text(v) for k, v in table.entries.items()})
    fixed = None
    if getattr(pe, "VS_FIXEDFILEINFO", None):
        f = pe.VS_FIXEDFILEINFO[0]
        fixed = {"fileVersionMS": f.FileVersionMS, "fileVersionLS": f.FileVersionLS,
                 "productVersionMS": f.ProductVersionMS, "productVersionLS": f.ProductVersionLS}
    return (strings or None), fixed


def pe_debug(pe):
    return [{"type": d.struct.Type,
             "pdbPath": text(getattr(d.entry, "PdbFileName", None)) if d.entry else None}
            for d in getattr(pe, "DIRECTORY_ENTRY_DEBUG", [])]


def pe_load_config(pe):
    if not hasattr(pe, "DIRECTORY_ENTRY_LOAD_CONFIG"):
        return None, None
    lc = pe.DIRECTORY_ENTRY_LOAD_CONFIG.struct
    return lc.Size, getattr(lc, "CHPEMetadataPointer", None)


# ------------------------------------------------------------------ PE (LIEF)

def lief_exports(binary):
    if binary is None or not binary.has_exports:
        return []
    result = []
    for e in binary.get_export().entries:
        forwarder = None
        if e.is_forwarded:
            forwarder = f"{e.forward_information.library}.{e.forward_information.function}"
        result.append({"ordinal": e.ordinal, "name": e.name or None, "forwarder": forwarder})
    return result


def lief_facts(path):
    config = lief.PE.ParserConfig()
    config.parse_exceptions = True
    config.parse_arm64x_binary = True
    binary = lief.PE.parse(str(path), config)
    facts = {"isArm64EC": binary.is_arm64ec, "isArm64X": binary.is_arm64x,
             "exceptionEntries": len(binary.exceptions), "chpe": None,
             "dynamicRelocations": [], "nestedBinary": None}
    lc = binary.load_configuration
    if lc is not None:
        meta = lc.chpe_metadata
        if isinstance(meta, lief.PE.CHPEMetadataARM64):
            facts["chpe"] = {
                "kind": "ARM64", "version": meta.version,
                "codeRanges": [{"type": r.type.name, "start": r.start, "end": r.end}
                               for r in meta.code_ranges],
                "redirectionCount": meta.redirection_metadata_count,
                "extraRFETableSize": meta.extra_rfe_table_size,
                "codeRangesToEntryPointsCount": meta.code_ranges_to_entry_points_count}
        elif isinstance(meta, lief.PE.CHPEMetadataX86):
            facts["chpe"] = {
                "kind": "X86", "version": meta.version,
                "codeRangeOffset": meta.chpe_code_address_range_offset,
                "codeRangeCount": meta.chpe_code_address_range_count}
        for reloc in lc.dynamic_relocations:
            facts["dynamicRelocations"].append({
                "version": reloc.version, "symbol": reloc.symbol,
                "fixupKind": reloc.fixups.kind.name if reloc.fixups else None,
                "fixupCount": len(reloc.fixups.relocations)
                if isinstance(reloc.fixups, lief.PE.DynamicFixupARM64X) else None})
    nested = binary.nested_pe_binary
    if nested is not None:
        facts["nestedBinary"] = {"machine": nested.header.machine.value,
                                 "exports": lief_exports(nested)}
    return facts


def x86_chpe_ranges(pe, metadata_va):
    """IMAGE_CHPE_RANGE_ENTRY list of an x86 CHPE image, read through pefile
    at the offsets given by LIEF-independent layout (Version, RangeOffset, Count)."""
    rva = metadata_va - pe.OPTIONAL_HEADER.ImageBase
    range_rva = pe.get_dword_at_rva(rva + 4)
    count = pe.get_dword_at_rva(rva + 8)
    ranges = []
    for i in range(count):
        start = pe.get_dword_at_rva(range_rva + 8 * i)
        length = pe.get_dword_at_rva(range_rva + 8 * i + 4)
        ranges.append({"start": start & ~1, "length": length,
                       "type": "ARM64" if start & 1 else "X86"})
    return ranges


# ------------------------------------------------------------------ PE (CLR)

def clr_facts(path):
    dn = dnfile.dnPE(str(path))
    try:
        if dn.net is None:
            return None
        header = dn.net.struct
        version = dn.net.metadata.struct.Version if dn.net.metadata else None
        return {"flags": header.Flags,
                "majorRuntimeVersion": header.MajorRuntimeVersion,
                "minorRuntimeVersion": header.MinorRuntimeVersion,
                "metadataVersion": text(version)}
    finally:
        dn.close()


def pe_fixture(path):
    try:
        pe = pefile.PE(str(path))
    except pefile.PEFormatError as error:
        return pre_pe_fixture(path, error)
    opt = pe.OPTIONAL_HEADER
    types, manifest = pe_resources(pe)
    strings, fixed = pe_version_info(pe)
    lc_size, chpe_pointer = pe_load_config(pe)
    exception_dir = opt.DATA_DIRECTORY[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXCEPTION"]]
    clr_dir = opt.DATA_DIRECTORY[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR"]]
    facts = {
        "format": "PE",
        "machine": pe.FILE_HEADER.Machine,
        "magic": "PE32+" if opt.Magic == pefile.OPTIONAL_HEADER_MAGIC_PE_PLUS else "PE32",
        "characteristics": pe.FILE_HEADER.Characteristics,
        "subsystem": opt.Subsystem,
        "dllCharacteristics": opt.DllCharacteristics,
        "isDLL": pe.is_dll(),
        "pefileIsDriver": pe.is_driver(),
        "entryPoint": opt.AddressOfEntryPoint,
        "sections": [{"name": text(s.Name), "characteristics": s.Characteristics}
                     for s in pe.sections],
        "imports": pe_imports(getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])),
        "delayImports": pe_imports(getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", [])),
        "exports": pe_exports(pe),
        "loadConfigSize": lc_size,
        "chpeMetadataPointer": chpe_pointer,
        "exceptionDirectorySize": exception_dir.Size,
        "pefileExceptionEntries": len(getattr(pe, "DIRECTORY_ENTRY_EXCEPTION", [])),
        "resourceTypes": types,
        "versionStrings": strings,
        "fixedFileInfo": fixed,
        "manifestSupportedArchitectures": manifest_architectures(manifest),
        "debug": pe_debug(pe),
        "lief": lief_facts(path),
        "clr": clr_facts(path) if clr_dir.VirtualAddress else None,
    }
    if facts["lief"]["chpe"] and facts["lief"]["chpe"]["kind"] == "X86":
        facts["x86ChpeRanges"] = x86_chpe_ranges(pe, chpe_pointer)
    pe.close()
    return facts


def pre_pe_fixture(path, error):
    """MZ-only and NE files: pefile refuses them; record its reason, what
    file(1) calls them, and the DOS header fields by their fixed offsets."""
    data = path.read_bytes()
    e_lfanew = struct.unpack_from("<I", data, 0x3C)[0] if len(data) >= 0x40 else None
    signature = None
    if e_lfanew and e_lfanew + 2 <= len(data):
        signature = data[e_lfanew:e_lfanew + 2].decode("latin-1")
    facts = {"format": "NE" if signature == "NE" else "MZ",
             "eMagic": data[:2].decode("latin-1"),
             "eLfanew": e_lfanew,
             "newHeaderSignature": signature,
             "pefileError": str(error),
             "file": run("file", "-b", str(path)).strip()}
    if signature == "NE":
        facts["neTargetOS"] = data[e_lfanew + 0x36]
        facts["neExpectedWindowsVersion"] = struct.unpack_from("<H", data, e_lfanew + 0x3E)[0]
    return facts


# ----------------------------------------------------------------- ELF (readelf)

def readelf_header(path):
    fields = {}
    for line in run("readelf", "-hW", str(path)).splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields


def readelf_sections(path):
    """Names of sections whose readelf flags column contains X."""
    executable = []
    for line in run("readelf", "-SW", str(path)).splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+(.*)$", line)
        if not m or m.group(2) == "Type":
            continue
        rest = m.group(3).split()
        flags = rest[4] if len(rest) == 8 else ""
        if "X" in flags:
            executable.append(m.group(1))
    return executable


def readelf_symbols(path):
    """FUNC symbols with a size > 0, counted per symbol table."""
    counts, table = {}, None
    for line in run("readelf", "-sW", str(path)).splitlines():
        header = re.match(r"Symbol table '([^']+)'", line)
        if header:
            table = header.group(1)
            counts[table] = 0
            continue
        cols = line.split()
        if table and len(cols) >= 7 and cols[0].endswith(":") and cols[3] == "FUNC":
            if int(cols[2], 0) > 0:
                counts[table] += 1
    return counts


def readelf_dynamic(path):
    needed, soname = [], None
    for line in run("readelf", "-dW", str(path)).splitlines():
        m = re.search(r"\((NEEDED|SONAME)\)\s+\S+.*\[(.*)\]", line)
        if m and m.group(1) == "NEEDED":
            needed.append(m.group(2))
        elif m:
            soname = m.group(2)
    return needed, soname


def readelf_notes(path):
    build_id, properties, in_properties = None, [], False
    for line in run("readelf", "-nW", str(path)).splitlines():
        stripped = line.strip()
        if "Build ID:" in line:
            build_id = line.split("Build ID:", 1)[1].strip()
        if "Properties:" in line:
            properties.append(line.split("Properties:", 1)[1].strip())
            in_properties = True
        elif in_properties and line.startswith(("        ", "\t")) and stripped:
            properties.append(stripped)
        else:
            in_properties = False
    return build_id, properties


def readelf_interpreter(path):
    m = re.search(r"\[Requesting program interpreter: (.*)\]", run("readelf", "-lW", str(path)))
    return m.group(1) if m else None


def elf_fixture(path):
    header = readelf_header(path)
    flags = header["Flags"].split(",", 1)
    elf_type = header["Type"]
    needed, soname = readelf_dynamic(path)
    build_id, properties = readelf_notes(path)
    binary = lief.ELF.parse(str(path))
    return {
        "format": "ELF",
        "class": header["Class"],
        "data": header["Data"],
        "osABI": header["OS/ABI"],
        "machine": binary.header.machine_type.value,
        "machineName": header["Machine"],
        "type": elf_type.split()[0],
        "typeText": elf_type,
        "flags": flags[0].strip(),
        "flagsText": flags[1].strip() if len(flags) > 1 else None,
        "entry": int(header["Entry point address"], 16),
        "interpreter": readelf_interpreter(path) if elf_type.split()[0] != "REL" else None,
        "needed": needed,
        "soname": soname,
        "buildID": build_id,
        "gnuProperties": properties,
        "executableSections": readelf_sections(path),
        "funcSymbolsWithSize": readelf_symbols(path),
    }


def main():
    expected = {}
    for folder in PE_DIRS:
        for path in sorted((ROOT / folder).glob("*")):
            if path.is_file():
                expected[f"{folder}/{path.name}"] = pe_fixture(path)
    for folder in ELF_DIRS:
        for path in sorted((ROOT / folder).glob("*")):
            if path.is_file():
                expected[f"{folder}/{path.name}"] = elf_fixture(path)
    out = ROOT / "expected.json"
    out.write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
    print(f"fixture-expectations: wrote {len(expected)} fixtures to {out.relative_to(ROOT.parent.parent)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
