#!/usr/bin/env python3
"""Builds engine-burn-chain.exe, a synthetic WiX Burn bundle (installers.md §3) whose manifest
chains an x64 MSI for x64 PCs and an Arm64 MSI for Arm64 PCs (InstallCondition on
NativeMachine, as WiX v4+ bundles choose per-architecture packages) and an unconditional x86
helper, and writes burn-chain-expected.json: the chain as this script wrote it, and gcab's
listing of the attached container. Run by make-engines.sh with the stub and a work folder."""
import json, os, struct, subprocess, sys, uuid

from engine_layout import add_section

stub_path, work = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
FIXED = 1704067200  # 2024-01-01: gcab stores member times


def cabinet(name, members):
    """A gcab cabinet of {member name: bytes}, MSZIP-compressed."""
    for member, data in members.items():
        path = os.path.join(work, member)
        with open(path, "wb") as out:
            out.write(data)
        os.utime(path, (FIXED, FIXED))
    subprocess.run(["gcab", "-c", "-z", os.path.join(work, name)] + list(members), cwd=work, check=True)
    with open(os.path.join(work, name), "rb") as cab:
        return cab.read()


def read(path):
    with open(os.path.join(here, path), "rb") as f:
        return f.read()


chain = [
    {"kind": "ExePackage", "id": "Helper", "condition": "VersionNT64", "payload": "HelperExe",
     "filePath": "redist\\helper.exe", "member": "a2"},
    {"kind": "MsiPackage", "id": "ContosoX64", "condition": "NativeMachine = 34404", "payload": "ContosoX64Msi",
     "filePath": "x64\\Contoso.msi", "member": "a0"},
    {"kind": "MsiPackage", "id": "ContosoArm64", "condition": "NativeMachine = 43620", "payload": "ContosoArm64Msi",
     "filePath": "arm64\\Contoso.msi", "member": "a1"},
]
contents = {"a0": read("msi-x64.msi"), "a1": read("msi-arm64.msi"), "a2": read("../pe/x86_console.exe")}
payloads = "\n".join(
    f'  <Payload Id="{p["payload"]}" FilePath="{p["filePath"]}" FileSize="{len(contents[p["member"]])}" '
    f'Packaging="embedded" SourcePath="{p["member"]}" Container="WixAttachedContainer" />' for p in chain)
packages = "\n".join(
    f'    <{p["kind"]} Id="{p["id"]}" Cache="keep" Vital="yes" InstallCondition="{p["condition"]}">\n'
    f'      <Provides Key="{p["id"]}" />\n      <PayloadRef Id="{p["payload"]}" />\n    </{p["kind"]}>' for p in chain)
manifest = f"""<?xml version="1.0" encoding="utf-8"?>
<BurnManifest xmlns="http://wixtoolset.org/schemas/v4/2008/Burn" EngineVersion="5.0.2.0" ProtocolVersion="1" Win64="yes">
  <UX PrimaryPayloadId="WixStandardBootstrapperApplication">
    <Payload Id="WixStandardBootstrapperApplication" FilePath="wixstdba.dll" SourcePath="u0" />
  </UX>
  <Container Id="WixAttachedContainer" FileSize="0" FilePath="engine-burn-chain.exe" AttachedIndex="1" Attached="yes" Primary="yes" />
{payloads}
  <Chain>
{packages}
  </Chain>
</BurnManifest>
""".encode()
ux = cabinet("ux.cab", {"0": manifest, "u0": b"armready UX placeholder\n"})
attached = cabinet("a.cab", {member: contents[member] for member in ("a0", "a1", "a2")})
sizes = [len(ux), len(attached)]
bundle = uuid.UUID("1f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
stub = read(stub_path) if not os.path.isabs(stub_path) else open(stub_path, "rb").read()


def burn_section(stub_size):
    return lambda rva: struct.pack("<II16sIIIIII", 0x00F14300, 2, bundle.bytes_le, stub_size, 0, 0, 0, 1,
                                   len(sizes)) + b"".join(struct.pack("<I", s) for s in sizes)


probe, _, _ = add_section(stub, b".wixburn", burn_section(0))
burn, _, _ = add_section(stub, b".wixburn", burn_section(len(probe)))
with open(os.path.join(here, "engine-burn-chain.exe"), "wb") as out:
    out.write(burn + ux + attached)

listing = subprocess.run(["gcab", "-l", os.path.join(work, "a.cab")], check=True, capture_output=True, text=True)
expected = {"chain": chain, "attachedMembers": sorted(line.split()[0] for line in listing.stdout.splitlines() if line.strip())}
with open(os.path.join(here, "burn-chain-expected.json"), "w") as out:
    json.dump(expected, out, indent=2, sort_keys=True)
    out.write("\n")
