#!/usr/bin/env bash
# Builds the 7z fixtures (7z-*) with 7-Zip (Debian's 7zz, 22.01) from fixture PEs and a text
# file, and writes 7z-expected.json from 7-Zip's own listing (`7zz l -slt`: path, size,
# method, solid) and extraction (`7zz x`: SHA-256 and whether a member starts with "MZ"),
# never from armready. 7zz applies its executable filters by itself: BCJ to x86/x64 PEs,
# ARM64 (method id 0xA, new in 7-Zip 22) to Arm64 PEs.
#   7z-solid.7z        LZMA2 + BCJ, solid: x64 DLL, x86 EXE, a note, an empty folder
#   7z-ppmd.7z         PPMd, one block per file (-ms=off): x64 DLL and the note
#   7z-bcj2.7z         BCJ2 + LZMA (-mf=BCJ2): the x86 EXE
#   7z-arm64.7z        the Arm64 EXE (ARM64 filter) and the x64 DLL, solid
#   7z-stored.7z       stored (-mx0) behind BCJ (-mf=BCJ): the x64 DLL, the x86 EXE and 160 KiB
#                      of E8-laden bytes, so the stored data spans several 64 KiB pieces
#   7z-encrypted.7z    AES-256 data with readable names (-p); 7z-encrypted-names.7z with the
#                      header encrypted too (-mhe=on)
#   7z-bomb.7z         256 MiB of zeros then the x64 DLL: far past 1100:1
#   7z-traversal.7z    the x64 DLL named ../../helper.dll (written by bsdtar, which keeps it)
#   7z-in-zip.zip      7z-solid.7z inside a ZIP (Python's zipfile)
# Needs 7zz, bsdtar (libarchive-tools) and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pe="$here/../pe"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in/bin" "$work/in/docs" "$work/bomb"
cp "$pe/x64_exports.dll" "$work/in/bin/helper.dll"
cp "$pe/x86_console.exe" "$work/in/bin/tool.exe"
cp "$pe/arm64_app.exe" "$work/in/bin/app.exe"
printf 'armready 7z fixture\r\nPEs and this note.\r\n' >"$work/in/readme.txt"
python3 -c 'import sys; sys.stdout.buffer.write(bytes((0xE8 if i % 7 == 0 else (i * 31) & 0xFF) for i in range(160 << 10)))' \
    >"$work/in/data.bin"
head -c $((256 << 20)) /dev/zero >"$work/bomb/a-zeros.bin"
cp "$pe/x64_exports.dll" "$work/bomb/b-helper.dll"
touch -d '2026-01-01 00:00:00' "$work"/in/bin/* "$work"/in/readme.txt "$work"/in/data.bin "$work"/in/docs "$work"/bomb/*
rm -f "$here"/7z-*.7z "$here/7z-in-zip.zip"
a() { 7zz a -bd -bso0 -bsp0 "$@"; }
(cd "$work/in" && a "$here/7z-solid.7z" bin/helper.dll bin/tool.exe readme.txt docs)
# -mf=off: PPMd alone (libarchive 3.6, tried first as the 7z reader, failed on BCJ in front of PPMd).
(cd "$work/in" && a -ms=off -m0=PPMd -mf=off "$here/7z-ppmd.7z" bin/helper.dll readme.txt)
(cd "$work/in" && a -mf=BCJ2 "$here/7z-bcj2.7z" bin/tool.exe)
(cd "$work/in" && a "$here/7z-arm64.7z" bin/app.exe bin/helper.dll)
(cd "$work/in" && a -mx0 -mf=BCJ "$here/7z-stored.7z" bin/helper.dll bin/tool.exe data.bin)
(cd "$work/in" && a -pfixture "$here/7z-encrypted.7z" bin/helper.dll)
(cd "$work/in" && a -pfixture -mhe=on "$here/7z-encrypted-names.7z" bin/helper.dll)
(cd "$work/bomb" && a -mx1 -ms=on "$here/7z-bomb.7z" a-zeros.bin b-helper.dll)
(cd "$work/in" && bsdtar -cf "$here/7z-traversal.7z" --format 7zip -s ',^bin/,../../,' bin/helper.dll)
python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z: z.write(sys.argv[2], "dist/7z-solid.7z")' \
    "$here/7z-in-zip.zip" "$here/7z-solid.7z"

for archive in 7z-solid 7z-ppmd 7z-bcj2 7z-arm64 7z-stored 7z-bomb 7z-traversal; do
    7zz l -slt "$here/$archive.7z" >"$work/$archive.slt"
    mkdir -p "$work/x/$archive"
    # 7zz extracts ../../helper.dll as helper.dll inside the folder.
    7zz x -y -bso0 -o"$work/x/$archive" "$here/$archive.7z"
done
python3 - "$here" "$work" <<'PY'
import hashlib, json, pathlib, sys
here, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
expected = {}
for archive in ["7z-solid", "7z-ppmd", "7z-bcj2", "7z-arm64", "7z-stored", "7z-bomb", "7z-traversal"]:
    text = (work / f"{archive}.slt").read_text()
    head, body = text.split("----------\n", 1)
    archive_fields = dict(l.split(" = ", 1) for l in head.splitlines() if " = " in l)
    files = []
    for block in body.strip().split("\n\n"):
        f = dict(l.split(" = ", 1) for l in block.splitlines() if " = " in l)
        if f.get("Folder") == "+" or "D" in f.get("Attributes", ""):
            files.append({"name": f["Path"], "directory": True})
            continue
        data = (work / "x" / archive / f["Path"].replace("../", "")).read_bytes()
        files.append({"name": f["Path"], "size": int(f["Size"]), "method": f.get("Method", ""),
                      "sha256": hashlib.sha256(data).hexdigest(), "pe": data[:2] == b"MZ"})
    expected[f"{archive}.7z"] = {"solid": archive_fields.get("Solid") == "+",
                                 "blocks": int(archive_fields.get("Blocks", "0")), "files": files}
expected["7z-in-zip.zip"] = {"members": ["dist/7z-solid.7z"]}
(here / "7z-expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
PY
ls -l "$here"/7z-* >&2
