#!/usr/bin/env python3
"""Writes two hand-made pre-PE fixtures into the directory given as argv[1].

dos_mz_only.exe  a DOS program: MZ header, no new-executable header (e_lfanew 0).
ne_win16.exe     a 16-bit Windows (NE) module: MZ stub whose e_lfanew points at
                 an "NE" header (target OS 2 = Windows, expected version 3.10).

Both are laid out from the MS-DOS and NE format descriptions; nothing is copied
from an existing file. Output is fully deterministic.
"""
import struct
import sys
from pathlib import Path


def mz_header(total_size: int, header_paragraphs: int, reloc_offset: int, lfanew: int) -> bytes:
    """64-byte IMAGE_DOS_HEADER."""
    last_page = total_size % 512
    pages = (total_size + 511) // 512
    head = struct.pack(
        "<2sHHHHHHHHHHHHH",
        b"MZ", last_page, pages, 0, header_paragraphs,
        0, 0xFFFF,          # e_minalloc, e_maxalloc
        0, 0x00B8,          # e_ss, e_sp
        0, 0, 0,            # e_csum, e_ip, e_cs
        reloc_offset, 0,    # e_lfarlc, e_ovno
    )
    head += b"\0" * (0x3C - len(head))
    return head + struct.pack("<I", lfanew)


def dos_code(message: bytes) -> bytes:
    """push cs / pop ds / mov dx,msg / mov ah,9 / int 21h / mov ax,4C01h / int 21h; msg."""
    code_len = 2 + 3 + 2 + 2 + 3 + 2
    return (bytes([0x0E, 0x1F, 0xBA]) + struct.pack("<H", code_len)
            + bytes([0xB4, 0x09, 0xCD, 0x21, 0xB8, 0x01, 0x4C, 0xCD, 0x21]) + message + b"$")


def dos_only() -> bytes:
    body = dos_code(b"armready DOS fixture\r\n")
    total = 0x40 + len(body)
    return mz_header(total, 4, 0x1C, 0) + body


def ne_module() -> bytes:
    stub = dos_code(b"This program requires Microsoft Windows.\r\n")
    stub += b"\0" * (-(0x40 + len(stub)) % 16)
    ne_offset = 0x40 + len(stub)
    # Tables that follow the 0x40-byte NE header, offsets relative to it.
    segment_table = b""                                   # no segments
    resource_table = struct.pack("<HH", 4, 0)             # align shift 4, no types
    resident_names = bytes([7]) + b"FIXTURE" + struct.pack("<H", 0) + b"\0"
    module_refs = b""
    imported_names = b"\0"
    entry_table = b"\0\0"
    description = b"armready NE fixture"
    nonresident = bytes([len(description)]) + description + struct.pack("<H", 0) + b"\0"
    off = 0x40
    seg_off = off
    res_off = seg_off + len(segment_table)
    resname_off = res_off + len(resource_table)
    modref_off = resname_off + len(resident_names)
    impname_off = modref_off + len(module_refs)
    entry_off = impname_off + len(imported_names)
    nonres_file_off = ne_offset + entry_off + len(entry_table)
    header = struct.pack(
        "<2sBBHHIHHHHIIHHHHHHHHIHHHBBHHHH",
        b"NE", 5, 10,                       # signature, linker version 5.10
        entry_off, len(entry_table),
        0,                                  # CRC
        0x0302,                             # flags: multiple data, protected-mode only, Windows API
        0, 0x1000, 0x2000,                  # auto data segment, heap, stack
        0, 0,                               # CS:IP, SS:SP
        0, 0, len(nonresident),             # segment count, module refs, non-resident size
        seg_off, res_off, resname_off, modref_off, impname_off,
        nonres_file_off,
        0, 4, 0,                            # movable entries, alignment shift, resource segments
        2, 0x08,                            # target OS 2 = Windows; other flags: gangload area
        0, 0, 0,                            # gangload offset/length, min code swap
        0x030A,                             # expected Windows version 3.10
    )
    assert len(header) == 0x40, len(header)
    body = (header + segment_table + resource_table + resident_names + module_refs
            + imported_names + entry_table + nonresident)
    total = ne_offset + len(body)
    return mz_header(total, 4, 0x40, ne_offset) + stub + body


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    (out / "dos_mz_only.exe").write_bytes(dos_only())
    (out / "ne_win16.exe").write_bytes(ne_module())


if __name__ == "__main__":
    main()
