#!/usr/bin/env python3
"""Builds the synthetic installer-engine fixtures from the published layouts (installers.md
§3 Burn, §5 Inno, §7 Squirrel/Velopack, §8 InstallShield) and writes engine-expected.json with
facts found independently of armready: pefile's overlay start, 7zz's listing of the NSIS
installers, the NullsoftInst position, and the offsets this script placed."""
import json, os, struct, subprocess, sys, uuid, zipfile, io

stub_path, work = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))


from engine_layout import add_section, align, resource_section, set_directory  # noqa: E402


def tiny_zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, b"armready engine fixture\n" * 4)
    return buffer.getvalue()


def gcab(name, files):
    for file in files:
        with open(os.path.join(work, file), "wb") as out:
            out.write(("armready %s\n" % file).encode() * 8)
    subprocess.run(["gcab", "-c", os.path.join(work, name)] + files, cwd=work, check=True)
    with open(os.path.join(work, name), "rb") as cab:
        return cab.read()


stub = open(stub_path, "rb").read()
expected = {}

# WiX Burn (§3): a .wixburn section, then the UX container at the stub size, then the
# attached container at stub size + UX size (no original signature, no certificate table);
# a third container is declared but not appended, so it lies past the end: detached.
ux = gcab("ux.cab", ["0", "u0"])
attached = gcab("a1.cab", ["a0"])
detached_size = 0x1234
bundle = uuid.UUID("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
sizes = [len(ux), len(attached), detached_size]
# The section's size is only known after it is added: build once to learn the stub size.
def burn_section(stub_size):
    return lambda rva: struct.pack("<II16sIIIIII", 0x00F14300, 2, bundle.bytes_le, stub_size, 0, 0, 0, 1,
                                   len(sizes)) + b"".join(struct.pack("<I", s) for s in sizes)
probe, _, _ = add_section(stub, b".wixburn", burn_section(0))
burn, _, burn_raw = add_section(stub, b".wixburn", burn_section(len(probe)))
stub_size = len(burn)
open(os.path.join(here, "engine-burn.exe"), "wb").write(burn + ux + attached)
expected["engine-burn.exe"] = {
    "engine": "wix-burn", "version": "2", "bundleId": str(bundle).upper(), "stubSize": stub_size,
    "payloadOffset": stub_size, "payloadLength": len(ux),
    "containers": [
        {"offset": stub_size, "length": len(ux), "detached": False},
        {"offset": stub_size + len(ux), "length": len(attached), "detached": False},
        {"offset": stub_size + len(ux) + len(attached), "length": detached_size, "detached": True},
    ],
    "wixburnRawOffset": burn_raw,
}

# Inno Setup (§5): RCDATA 11111 holds the offset table (ID, version 1, then TotalSize,
# OffsetEXE, UncompressedSizeEXE, CRCEXE, Offset0, Offset1, CRC); Offset0 points at the
# 64-byte setup-data ID in the overlay; the "compressed" header after it is filler.
setup_id = b"Inno Setup Setup Data (6.2.0) (u)".ljust(64, b"\0")
inno_placeholder = b"rDlPtS\xcd\xe6\xd7\x7b\x0b\x2a" + struct.pack("<I", 1) + b"\0" * 28
probe, _, _ = add_section(stub, b".rsrc", resource_section(10, 11111, inno_placeholder))
offset0 = len(probe)
header_block = struct.pack("<IIB", 0x12345678, 0x40, 1) + bytes(range(0x40))
offset1 = offset0 + len(setup_id) + len(header_block)
data_block = b"zlb\x1a" + b"\xa5" * 60
total = offset1 + len(data_block)
table = b"rDlPtS\xcd\xe6\xd7\x7b\x0b\x2a" + struct.pack("<IIIIIIII", 1, total, 0, 0, 0, offset0, offset1, 0)
inno, rva, _ = add_section(stub, b".rsrc", resource_section(10, 11111, table))
assert len(inno) == offset0
inno = set_directory(inno, 2, rva, 0x100)
open(os.path.join(here, "engine-inno.exe"), "wb").write(inno + setup_id + header_block + data_block)
expected["engine-inno.exe"] = {"engine": "inno-setup", "version": "6.2.0 (u)", "payloadOffset": offset0}

# Squirrel (§7): a resource of type "DATA", id 131, holding a ZIP.
squirrel_zip = tiny_zip(["Update.exe", "RELEASES", "app-1.0.0-full.nupkg"])
squirrel, rva, raw = add_section(stub, b".rsrc", resource_section("DATA", 131, squirrel_zip))
squirrel = set_directory(squirrel, 2, rva, 0x100)
data_offset = raw + align(88 + 2 + 8, 8)
assert squirrel[data_offset:data_offset + 4] == b"PK\x03\x04"
open(os.path.join(here, "engine-squirrel.exe"), "wb").write(squirrel)
expected["engine-squirrel.exe"] = {"engine": "squirrel", "payloadOffset": data_offset,
                                   "payloadLength": len(squirrel_zip)}

# Velopack (§7): i64 offset and i64 length, then the 32-byte signature, in the stub; the
# nupkg appended at that offset.
signature = bytes.fromhex("94F0B17B6893E02937EB34EF53AAE7D42B54F5707EF5D6F57854983E5E94ED7D")
nupkg = tiny_zip(["app.nuspec", "lib/app/app.exe"])
probe, _, _ = add_section(stub, b".bundle", lambda rva: b"\0" * 16 + signature)
velopack, _, _ = add_section(stub, b".bundle",
                             lambda rva: struct.pack("<qq", len(probe), len(nupkg)) + signature)
assert len(velopack) == len(probe)
open(os.path.join(here, "engine-velopack.exe"), "wb").write(velopack + nupkg)
expected["engine-velopack.exe"] = {"engine": "velopack", "payloadOffset": len(velopack),
                                   "payloadLength": len(nupkg)}

# InstallShield (§8): the 46-byte overlay header ISSetupStream\0 with the file count at +14.
header = bytearray(46)
header[0:14] = b"ISSetupStream\0"
struct.pack_into("<H", header, 14, 3)
open(os.path.join(here, "engine-installshield.exe"), "wb").write(stub + bytes(header) + b"\x5a" * 200)
expected["engine-installshield.exe"] = {"engine": "installshield", "payloadOffset": len(stub), "fileCount": 3}

# Archives appended to the stub: the payload starts at the stub's size.
for name, engine in [("engine-7z-appended.exe", "7zip-sfx"), ("engine-cab-appended.exe", "cab-sfx"),
                     ("engine-zip-appended.exe", "zip-sfx")]:
    size = os.path.getsize(os.path.join(here, name))
    expected[name] = {"engine": engine, "payloadOffset": len(stub), "payloadLength": size - len(stub)}

# NSIS: the firstheader is 8 bytes before "NullsoftInst"; 7zz lists SubType, Method, files.
for name in ["engine-nsis-zlib.exe", "engine-nsis-lzma-solid.exe"]:
    data = open(os.path.join(here, name), "rb").read()
    first = data.index(b"\xef\xbe\xad\xdeNullsoftInst") - 4
    header_length, total_length = struct.unpack_from("<II", data, first + 20)
    listing = subprocess.run(["7zz", "l", "-slt", name], cwd=here, check=True, capture_output=True,
                             text=True).stdout
    archive_part, _, files_part = listing.partition("----------")
    facts = dict(line.split(" = ", 1) for line in archive_part.splitlines() if " = " in line)
    files = [line.split(" = ", 1)[1] for line in files_part.splitlines() if line.startswith("Path = ")]
    methods = sorted({line.split(" = ", 1)[1] for line in files_part.splitlines() if line.startswith("Method = ")})
    expected[name] = {
        "engine": "nsis", "payloadOffset": first, "payloadLength": total_length,
        "headerLength": header_length, "sevenZipSubType": facts.get("SubType"),
        "sevenZipMethod": facts.get("Method"), "sevenZipSolid": facts.get("Solid") == "+",
        "sevenZipEmbeddedStubSize": int(facts["Embedded Stub Size"]),
        "sevenZipPhysicalSize": int(facts["Physical Size"]), "sevenZipMethods": methods, "files": files,
    }

# pefile's overlay start for every fixture (None: no overlay).
import pefile
for name in sorted(expected):
    pe = pefile.PE(os.path.join(here, name), fast_load=True)
    expected[name]["pefileOverlay"] = pe.get_overlay_data_start_offset()

with open(os.path.join(here, "engine-expected.json"), "w") as out:
    json.dump(expected, out, indent=2, sort_keys=True)
    out.write("\n")
