#!/usr/bin/env bash
# Builds the archive fixtures from other fixtures with Python's zipfile (an independent ZIP
# writer), then records what Python's zipfile reads back (names, sizes, CRC-32, SHA-256 of
# each entry) in expected.json. Called by Tests/Fixtures/regenerate.sh; reproducible (fixed
# timestamps, fixed order).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python3 - "$here" <<'PY'
import hashlib, json, pathlib, sys, zipfile
here = pathlib.Path(sys.argv[1])
fixtures = here.parent
stamp = (2026, 1, 1, 0, 0, 0)

def add(archive, name, data, method):
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)

# A wheel with an x64 extension (deflated), an Arm64 one (stored), Python source and a directory.
with zipfile.ZipFile(here / "mixed-1.0-py3-none-any.whl", "w") as wheel:
    add(wheel, "mixed/__init__.py", b"from . import _core\n", zipfile.ZIP_DEFLATED)
    add(wheel, "mixed/data/", b"", zipfile.ZIP_STORED)
    add(wheel, "mixed/_core.cp312-win_amd64.pyd", (fixtures / "pe/x64_exports.dll").read_bytes(), zipfile.ZIP_DEFLATED)
    add(wheel, "mixed/_core.cp312-win_arm64.pyd", (fixtures / "pe/arm64_lib.dll").read_bytes(), zipfile.ZIP_STORED)
    add(wheel, "mixed/libs/tool", (fixtures / "elf/aarch64_app").read_bytes(), zipfile.ZIP_DEFLATED)

expected = {}
for path in sorted(here.glob("*.whl")):
    with zipfile.ZipFile(path) as archive:
        expected[path.name] = [
            {"name": info.filename, "method": info.compress_type, "crc32": info.CRC,
             "compressedSize": info.compress_size, "uncompressedSize": info.file_size,
             "sha256": hashlib.sha256(archive.read(info)).hexdigest()}
            for info in archive.infolist()
        ]
(here / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
PY
