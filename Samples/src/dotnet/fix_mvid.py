#!/usr/bin/env python3
"""Makes an mcs-built assembly reproducible: mcs writes a random module version
id (MVID, the first GUID of the #GUID metadata heap). Replace it with a GUID
derived from the file name. Offsets follow ECMA-335 II.24.2 (metadata root,
stream headers) and II.25 (CLI header); the PE layout is read with pefile."""
import hashlib
import struct
import sys

import pefile


def main(path: str) -> None:
    pe = pefile.PE(path)
    cli = pe.OPTIONAL_HEADER.DATA_DIRECTORY[14]
    cli_off = pe.get_offset_from_rva(cli.VirtualAddress)
    data = bytearray(pe.__data__)
    pe.close()
    meta_rva = struct.unpack_from("<I", data, cli_off + 8)[0]
    root = pe.get_offset_from_rva(meta_rva)
    assert data[root:root + 4] == b"BSJB"
    version_len = struct.unpack_from("<I", data, root + 12)[0]
    pos = root + 16 + version_len + 2
    streams = struct.unpack_from("<H", data, pos)[0]
    pos += 2
    for _ in range(streams):
        offset, size = struct.unpack_from("<II", data, pos)
        name_end = data.index(b"\0", pos + 8)
        name = data[pos + 8:name_end].decode()
        pos = (name_end + 4) & ~3
        if name == "#GUID":
            mvid = hashlib.md5(path.rsplit("/", 1)[-1].encode()).digest()
            data[root + offset:root + offset + 16] = mvid
            break
    else:
        raise SystemExit(f"{path}: no #GUID stream")
    with open(path, "wb") as handle:
        handle.write(data)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        main(name)
