"""PE layout helpers shared by the synthetic installer fixtures (engine-build.py,
burn-chain-build.py): append a section, set a data directory, build a one-entry resource
section."""
import struct


def align(value, to):
    return (value + to - 1) // to * to


def add_section(image, name, build):
    """Appends a section; build(rva) returns its raw bytes. Returns (image, rva, raw offset)."""
    image = bytearray(image)
    pe = struct.unpack_from("<I", image, 0x3C)[0]
    count = struct.unpack_from("<H", image, pe + 6)[0]
    opt_size = struct.unpack_from("<H", image, pe + 20)[0]
    opt = pe + 24
    section_align, file_align = struct.unpack_from("<II", image, opt + 32)
    table = opt + opt_size
    last = table + 40 * (count - 1)
    va, vsize = struct.unpack_from("<II", image, last + 12)[0], struct.unpack_from("<I", image, last + 8)[0]
    rva = align(va + vsize, section_align)
    data = build(rva)
    raw = align(len(image), file_align)
    header = table + 40 * count
    assert header + 40 <= struct.unpack_from("<I", image, opt + 60)[0], "no room for a section header"
    struct.pack_into("<8sIIIIIIHHI", image, header, name, len(data), rva, align(len(data), file_align),
                     raw, 0, 0, 0, 0, 0x40000040)
    struct.pack_into("<H", image, pe + 6, count + 1)
    struct.pack_into("<I", image, opt + 56, align(rva + len(data), section_align))
    image += b"\0" * (raw - len(image)) + data + b"\0" * (align(len(data), file_align) - len(data))
    return bytes(image), rva, raw


def set_directory(image, index, rva, size):
    image = bytearray(image)
    pe = struct.unpack_from("<I", image, 0x3C)[0]
    struct.pack_into("<II", image, pe + 24 + 112 + 8 * index, rva, size)
    return bytes(image)


def resource_section(type_key, name_id, payload):
    """One resource: type (an int id or a str name) / name id / language 1033 → payload."""
    def build(rva):
        def directory(named, ids):
            return struct.pack("<IIHHHH", 0, 0, 0, 0, named, ids)
        type_dir, name_dir, lang_dir, entry = 0, 24, 48, 72
        strings = 88
        name_bytes = b""
        if isinstance(type_key, str):
            name_bytes = struct.pack("<H", len(type_key)) + type_key.encode("utf-16-le")
            type_name = 0x80000000 | strings
        data_at = align(strings + len(name_bytes), 8)
        out = bytearray()
        if isinstance(type_key, str):
            out += directory(1, 0) + struct.pack("<II", type_name, 0x80000000 | name_dir)
        else:
            out += directory(0, 1) + struct.pack("<II", type_key, 0x80000000 | name_dir)
        out += directory(0, 1) + struct.pack("<II", name_id, 0x80000000 | lang_dir)
        out += directory(0, 1) + struct.pack("<II", 1033, entry)
        out += struct.pack("<IIII", rva + data_at, len(payload), 0, 0)
        out += name_bytes
        out += b"\0" * (data_at - len(out)) + payload
        return bytes(out)
    return build
