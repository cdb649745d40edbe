#!/usr/bin/env bash
# Builds the cabinet fixtures (cab-*) with gcab (an independent CAB writer) from fixture PEs
# and a text file, appends one to a PE for cab-sfx.exe, copies two small cabinets from
# libmspack's test suite (kyz/libmspack@55d50197 libmspack/test/test_files/cabd, LGPL-2.1:
# MSZIP+LZX+Quantum folders, and part 1 of a cabinet set; gcab writes neither LZX nor Quantum
# and no Debian tool writes LZX), then writes cab-expected.json: names, sizes and SHA-256 of
# each member from the ORIGINAL inputs (gcab's cabinets, checked against `gcab -l`) or from
# 7-Zip's extraction (the libmspack cabinets), and the stub size of cab-sfx.exe from stat.
#   Tests/Fixtures/installers/make-cab.sh [libmspack-git-dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pe="$here/../pe"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/many"
cp "$pe/x64_native_app.exe" "$pe/arm64_lib.dll" "$pe/x86_console.exe" "$work/in/"
printf 'armready cabinet fixture\r\nThree PEs and this note.\r\n' >"$work/in/readme.txt"
for i in $(seq -w 0 239); do printf 'member %s of cab-many\n%s\n' "$i" "$(printf '%*s' $((10#$i % 50)) '' | tr ' ' x)" >"$work/many/m$i.txt"; done
touch -d '2026-01-01 00:00:00' "$work"/in/* "$work"/many/*
(cd "$work/in" && gcab -cn "$here/cab-stored.cab" x64_native_app.exe arm64_lib.dll x86_console.exe readme.txt)
(cd "$work/in" && gcab -czn "$here/cab-mszip.cab" x64_native_app.exe arm64_lib.dll x86_console.exe readme.txt)
(cd "$work/many" && gcab -czn "$here/cab-many.cab" m*.txt)
cat "$pe/x64_native_app.exe" "$here/cab-mszip.cab" >"$here/cab-sfx.exe"
if [[ -n "${1:-}" ]]; then
    # A git directory (bare clone) of kyz/libmspack.
    git --git-dir="$1" show 55d50197:libmspack/test/test_files/cabd/mszip_lzx_qtm.cab >"$here/cab-mszip-lzx-qtm.cab"
    git --git-dir="$1" show 55d50197:libmspack/test/test_files/cabd/multi_basic_pt1.cab >"$here/cab-set-part1.cab"
fi
mkdir -p "$work/x"
7zz x -y -o"$work/x" "$here/cab-mszip-lzx-qtm.cab" >/dev/null
for cab in cab-stored cab-mszip cab-many; do gcab -l "$here/$cab.cab" >"$work/$cab.list"; done
7zz l -slt "$here/cab-mszip-lzx-qtm.cab" >"$work/lzx.slt"
python3 - "$here" "$work" "$(stat -c %s "$pe/x64_native_app.exe")" <<'PY'
import hashlib, json, pathlib, sys
here, work, stub = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
def members(folder, names):
    return [{"name": n, "size": (folder / n).stat().st_size,
             "sha256": hashlib.sha256((folder / n).read_bytes()).hexdigest()} for n in names]
def gcab_list(cab):
    return [(line.split()[0], int(line.split()[1])) for line in (work / f"{cab}.list").read_text().splitlines() if line.strip()]
inputs = ["x64_native_app.exe", "arm64_lib.dll", "x86_console.exe", "readme.txt"]
many = sorted(p.name for p in (work / "many").iterdir())
expected = {
    "cab-stored.cab": {"compression": "none", "files": members(work / "in", inputs)},
    "cab-mszip.cab": {"compression": "mszip", "files": members(work / "in", inputs)},
    "cab-many.cab": {"compression": "mszip", "files": members(work / "many", many)},
}
for cab in ["cab-stored", "cab-mszip", "cab-many"]:
    listed = gcab_list(cab)
    ours = [(f["name"], f["size"]) for f in expected[cab + ".cab"]["files"]]
    assert listed == ours, (cab, listed[:3], ours[:3])
# 7-Zip's listing of the libmspack cabinet: Path, Size, Method per member.
slt = (work / "lzx.slt").read_text().split("----------\n", 1)[1]
files = []
for block in slt.strip().split("\n\n"):
    fields = dict(line.split(" = ", 1) for line in block.splitlines() if " = " in line)
    files.append({"name": fields["Path"], "size": int(fields["Size"]), "method": fields["Method"],
                  "sha256": hashlib.sha256((work / "x" / fields["Path"]).read_bytes()).hexdigest()})
expected["cab-mszip-lzx-qtm.cab"] = {"files": files}
expected["cab-sfx.exe"] = {"cabinetOffsets": [stub], "cabinet": "cab-mszip.cab"}
(here / "cab-expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
PY
echo "make-cab: wrote $(ls "$here"/cab-* | wc -l) files in $here" >&2
