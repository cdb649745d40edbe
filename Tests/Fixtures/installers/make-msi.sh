#!/usr/bin/env bash
# Builds the MSI fixtures with Debian's msitools (wixl, msibuild, gcab) from the .wxs sources in
# src/ and the PE fixtures in ../pe, then records what msiinfo (libmsi, an independent reader)
# says about each of them in msi-expected.json. armready's MSI reader is never consulted.
#   msi-x64.msi           x64 Template, embedded cabinet, ProgramFiles64Folder/Contoso/...
#   msi-x86.msi           Intel Template, ProgramFilesFolder
#   msi-arm64.msi         Arm64 payloads; built as x64 (wixl has no arm64) and its Summary
#                         Information rewritten to "Arm64;1033" with msibuild -s
#   msi-external-cab.msi  Media.Cabinet "data1.cab" (not embedded): wixl writes no cabinet for
#                         EmbedCab="no", so gcab builds data1.cab beside it (members = File keys)
#   msi-customaction.msi  a DLL custom action (type 3073) whose DLL is a Binary table row
#   msi-arm64-x64dll.msi  Arm64 Template; its Arm64 contoso-arm64.exe imports contoso-core.dll, which
#                         it ships as x64 (src/contoso, built by src/contoso/build.sh)
#   msi-intel64.msi       msi-x64.msi with its Template rewritten to "Intel64;1033" (Itanium)
#   msi-x64-only.msi      msi-x64.msi with a LaunchCondition table imported (msibuild -i):
#                         "WIX_NATIVE_MACHINE = 34404" (x64 PCs only) and "VersionNT64"
#   msi-duplicate-paths.msi  msi-x64.msi with its File and Component tables re-imported
#                         (msibuild -i): exports.dll renamed app.exe and moved to INSTALLDIR, so
#                         two File rows (components conditioned VersionNT64 / NOT VersionNT64)
#                         install to one path
#   hostile-names.msi     msi-x64.msi with its File table re-imported (msibuild -i): app.exe's
#                         FileName "APP~1.EXE|" (an empty long name), exports.dll's "..\..\evil.dll";
#                         not in msi-expected.json (InstallerScanTests reads msiinfo's view of it)
#   hostile-media.msi     msi-external-cab.msi whose Media.Cabinet is "../data1.cab" (msibuild -i)
# MSI_RECORD_ONLY=1 skips the builds and only rewrites msi-expected.json from the committed MSIs.
# Reproducible except for the Summary Information time stamps wixl writes (the revision UUID is
# fixed with msibuild -s).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "${MSI_RECORD_ONLY:-}" ]; then
build() { # name arch
    (cd "$fixtures" && wixl -a "$2" -o "$here/$1.msi" "installers/src/$1.wxs" 2>&1 | grep -v "no property named 'Platform'" || true)
}
build msi-x64 x64
build msi-x86 x86
build msi-arm64 x64
build msi-external-cab x64
build msi-customaction x64
build msi-arm64-x64dll x64

# Fixed revision UUIDs; the Arm64 package gets its Template (msibuild -s name author template uuid).
msibuild "$here/msi-x64.msi" -s "Installation Database" Contoso "x64;1033" "{A0000000-0000-0000-0000-000000000001}"
msibuild "$here/msi-x86.msi" -s "Installation Database" Contoso "Intel;1033" "{A0000000-0000-0000-0000-000000000002}"
msibuild "$here/msi-arm64.msi" -s "Installation Database" Contoso "Arm64;1033" "{A0000000-0000-0000-0000-000000000003}"
msibuild "$here/msi-external-cab.msi" -s "Installation Database" Contoso "x64;1033" "{A0000000-0000-0000-0000-000000000004}"
msibuild "$here/msi-customaction.msi" -s "Installation Database" Contoso "Intel;1033" "{A0000000-0000-0000-0000-000000000005}"
msibuild "$here/msi-arm64-x64dll.msi" -s "Installation Database" Contoso "Arm64;1033" "{A0000000-0000-0000-0000-000000000006}"
cp "$here/msi-x64.msi" "$here/msi-intel64.msi"
msibuild "$here/msi-intel64.msi" -s "Installation Database" Contoso "Intel64;1033" "{A0000000-0000-0000-0000-000000000007}"
cp "$here/msi-x64.msi" "$here/msi-x64-only.msi"
msibuild "$here/msi-x64-only.msi" -s "Installation Database" Contoso "x64;1033" "{A0000000-0000-0000-0000-000000000008}"
printf 'Condition\tDescription\ns255\tl255\nLaunchCondition\tCondition\n%s\t%s\n%s\t%s\n' \
    "WIX_NATIVE_MACHINE = 34404" "This package runs only on x64 PCs." \
    "VersionNT64" "This package needs 64-bit Windows." > "$work/LaunchCondition.idt"
msibuild "$here/msi-x64-only.msi" -i "$work/LaunchCondition.idt"
cp "$here/msi-x64.msi" "$here/msi-duplicate-paths.msi"
msibuild "$here/msi-duplicate-paths.msi" -s "Installation Database" Contoso "x64;1033" "{A0000000-0000-0000-0000-000000000009}"
msiinfo export "$here/msi-duplicate-paths.msi" File | sed 's/\texports\.dll\t/\tapp.exe\t/' > "$work/File.idt"
msiinfo export "$here/msi-duplicate-paths.msi" Component \
    | sed 's/^\(MainExe\t[^\t]*\t[^\t]*\t[^\t]*\t\)\t/\1VersionNT64\t/; s/^\(LibDll\t[^\t]*\t\)BinDir\t\([^\t]*\)\t\t/\1INSTALLDIR\t\2\tNOT VersionNT64\t/' \
    > "$work/Component.idt"
msibuild "$here/msi-duplicate-paths.msi" -i "$work/File.idt" "$work/Component.idt"
cp "$here/msi-x64.msi" "$here/hostile-names.msi"
msiinfo export "$here/hostile-names.msi" File \
    | sed 's/\tapp\.exe\t/\tAPP~1.EXE|\t/; s/\texports\.dll\t/\t..\\..\\evil.dll\t/' > "$work/File.idt"
msibuild "$here/hostile-names.msi" -i "$work/File.idt"
cp "$here/msi-external-cab.msi" "$here/hostile-media.msi"
msiinfo export "$here/hostile-media.msi" Media | sed 's/\tdata1\.cab\t/\t..\/data1.cab\t/' > "$work/Media.idt"
msibuild "$here/hostile-media.msi" -i "$work/Media.idt"

# The external cabinet: members are named by File key, as the installer looks them up.
cp "$fixtures/pe/x64_native_app.exe" "$work/AppExe"
cp "$fixtures/pe/x64_exports.dll" "$work/ExportsDll"
rm -f "$here/data1.cab"
(cd "$work" && gcab -c -z -n "$here/data1.cab" AppExe ExportsDll)
fi

python3 - "$here" <<'PY'
import hashlib, json, pathlib, subprocess, sys, tempfile
here = pathlib.Path(sys.argv[1])

def msiinfo(*args):
    return subprocess.run(["msiinfo", *args], check=True, capture_output=True).stdout

def table(path, name):
    """Rows of an exported table as dicts (msiinfo export: names, types, keys, then rows)."""
    if name not in tables(path):
        return []
    lines = msiinfo("export", str(path), name).decode().split("\r\n" if b"\r\n" in msiinfo("export", str(path), name) else "\n")
    names = lines[0].split("\t")
    types = lines[1].split("\t")
    rows = []
    for line in lines[3:]:
        if not line:
            continue
        cells = line.split("\t")
        row = {}
        for column, kind, cell in zip(names, types, cells + [""] * (len(names) - len(cells))):
            if kind[0] in "iI":
                row[column] = int(cell) if cell else None
            else:
                row[column] = cell if cell else None
        rows.append(row)
    return rows

def tables(path):
    return set(msiinfo("tables", str(path)).decode().split())

def suminfo(path):
    out = {}
    for line in msiinfo("suminfo", str(path)).decode().splitlines():
        key, _, value = line.partition(": ")
        out[key] = value
    return out

def is_pe(data):
    """MZ, and the PE signature where e_lfanew points (pefile's first two checks)."""
    if len(data) < 0x40 or data[:2] != b"MZ":
        return False
    offset = int.from_bytes(data[0x3C:0x40], "little")
    return data[offset:offset + 4] == b"PE\0\0"

def extracted(path):
    """What msiextract (libmsi + libgcab) installs, by file name: {name: is PE}."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["msiextract", "-C", folder, str(path)], check=True, capture_output=True)
        return {file.name: is_pe(file.read_bytes()) for file in pathlib.Path(folder).rglob("*") if file.is_file()}

def long_name(half):
    return half.split("|")[-1]

def install_paths(directories):
    """An independent resolver: follow Directory_Parent to TARGETDIR; a child of TARGETDIR whose
    DefaultDir is '.' is a standard folder named by its key; long target names; '.' adds nothing."""
    by_key = {row["Directory"]: row for row in directories}
    def resolve(key):
        parts = []
        seen = set()
        while key is not None and key in by_key and key not in seen:
            seen.add(key)
            row = by_key[key]
            parent = row["Directory_Parent"]
            if key == "TARGETDIR" or parent is None or parent == key:
                break
            target = long_name(row["DefaultDir"].split(":")[0])
            if parent == "TARGETDIR" and target == ".":
                parts.append(key)
                break
            if target != ".":
                parts.append(target)
            key = parent
        return "/".join(reversed(parts))
    return {key: resolve(key) for key in by_key}

expected = {}
for path in sorted(here.glob("msi-*.msi")):
    info = suminfo(path)
    listed = msiinfo("streams", str(path)).decode().splitlines()
    # msiinfo streams also prints every table named in _Tables; those are not streams.
    streams = sorted(name for name in listed if name not in tables(path))
    components = {row["Component"]: row for row in table(path, "Component")}
    directories = table(path, "Directory")
    paths = install_paths(directories)
    media = sorted(table(path, "Media"), key=lambda row: row["LastSequence"])
    files = []
    payload = extracted(path)
    for row in table(path, "File"):
        component = components[row["Component_"]]
        directory = component["Directory_"]
        name = long_name(row["FileName"])
        cabinet = next((m["Cabinet"] for m in media if m["LastSequence"] >= row["Sequence"]), None)
        files.append({
            "key": row["File"], "component": row["Component_"], "fileName": name,
            "size": row["FileSize"], "sequence": row["Sequence"], "attributes": row["Attributes"] or 0,
            "directory": directory, "installPath": "/".join(p for p in (paths[directory], name) if p),
            "component64Bit": bool((component["Attributes"] or 0) & 0x100), "cabinet": cabinet,
            "pe": payload.get(name),
        })
    digests = {}
    for name in streams:
        digests[name] = hashlib.sha256(msiinfo("extract", str(path), name)).hexdigest()
    expected[path.name] = {
        "title": info.get("Title"), "subject": info.get("Subject"), "author": info.get("Author"),
        "template": info.get("Template"),
        "pageCount": int(info["Version"].split()[0]) if "Version" in info else None,
        "wordCount": int(info["Source"].split()[0]) if "Source" in info else None,
        "streams": streams, "streamSHA256": digests,
        "files": files,
        "media": [{"diskId": m["DiskId"], "lastSequence": m["LastSequence"], "cabinet": m["Cabinet"]} for m in media],
        "binaries": [{"name": b["Name"], "stream": "Binary." + b["Name"],
                      "pe": is_pe(msiinfo("extract", str(path), "Binary." + b["Name"]))} for b in table(path, "Binary")],
        "customActions": [{"action": c["Action"], "type": c["Type"], "source": c["Source"], "target": c["Target"]}
                          for c in table(path, "CustomAction")],
        "launchConditions": [{"condition": c["Condition"], "description": c["Description"]}
                             for c in table(path, "LaunchCondition")],
        "properties": {p["Property"]: p["Value"] for p in table(path, "Property")},
    }
(here / "msi-expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
PY
ls -l "$here"/msi-*.msi "$here/data1.cab" "$here/msi-expected.json"
