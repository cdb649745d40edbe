@testable import BinaryFormats

/// ZIP archives built byte by byte from APPNOTE.TXT (sections 4.3.7, 4.3.12, 4.3.16), for the
/// shapes Python's zipfile cannot write: central-directory entries that share one local
/// header, end records whose counts disagree with the directory, stubs before the archive.
struct HostileZip {
    struct Local {
        var name: String
        var method: UInt16
        var data: [UInt8]
        var uncompressedSize: UInt32
        var crc: UInt32
    }

    struct Central {
        var local: Local
        var name: String
        var offset: UInt32
    }

    var bytes: [UInt8] = []
    var directory: [Central] = []

    /// Appends a local header and its data; returns its offset.
    @discardableResult
    mutating func add(_ local: Local) -> UInt32 {
        let offset = UInt32(bytes.count)
        let name = Array(local.name.utf8)
        u32(0x0403_4B50, &bytes); u16(20, &bytes); u16(0, &bytes); u16(local.method, &bytes); u16(0, &bytes);
        u16(0, &bytes)
        u32(local.crc, &bytes); u32(UInt32(local.data.count), &bytes); u32(local.uncompressedSize, &bytes)
        u16(UInt16(name.count), &bytes); u16(0, &bytes)
        bytes += name + local.data
        return offset
    }

    /// Appends a local entry and a directory entry for it.
    mutating func addEntry(_ local: Local) {
        let offset = add(local)
        directory.append(Central(local: local, name: local.name, offset: offset))
    }

    /// The archive: what was added, the central directory, and an end record that counts
    /// `count` entries (the directory's own count by default).
    func finished(count: UInt16? = nil, diskCount: UInt16? = nil) -> [UInt8] {
        var out = bytes
        let start = UInt32(out.count)
        for entry in directory {
            let name = Array(entry.name.utf8)
            u32(0x0201_4B50, &out); u16(20, &out); u16(20, &out); u16(0, &out); u16(entry.local.method, &out)
            u16(0, &out); u16(0, &out); u32(entry.local.crc, &out); u32(UInt32(entry.local.data.count), &out)
            u32(entry.local.uncompressedSize, &out); u16(UInt16(name.count), &out); u16(0, &out); u16(0, &out)
            u16(0, &out); u16(0, &out); u32(0, &out); u32(entry.offset, &out)
            out += name
        }
        let size = UInt32(out.count) - start
        let total = count ?? UInt16(truncatingIfNeeded: directory.count)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(diskCount ?? total, &out); u16(total, &out)
        u32(size, &out); u32(start, &out); u16(0, &out)
        return out
    }

    static func stored(_ name: String, _ data: [UInt8]) -> Local {
        Local(
            name: name, method: 0, data: data, uncompressedSize: UInt32(data.count),
            crc: data.withUnsafeBytes { Inflater.crc32($0) })
    }

    private func u16(_ value: UInt16, _ out: inout [UInt8]) { out += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func u32(_ value: UInt32, _ out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

/// Raw deflate streams written by hand from RFC 1951, so the tests do not compress with the
/// library they test.
enum Deflate {
    /// One final fixed-Huffman block (3.2.6): the literals "MZ", then `copies` matches of
    /// length 258 at distance 1, so the stream inflates to "MZ" and `258 × copies` "Z" bytes
    /// from about `copies × 13 / 8` bytes.
    static func mzRun(copies: Int) -> (stream: [UInt8], inflated: [UInt8]) {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman
        bits.huffman(0x30 + 0x4D, count: 8)  // literal 'M' (0-143: 8 bits from 00110000)
        bits.huffman(0x30 + 0x5A, count: 8)  // literal 'Z'
        for _ in 0..<copies {
            bits.huffman(0b1100_0101, count: 8)  // length code 285 = 258 (280-287: from 11000000)
            bits.huffman(0, count: 5)  // distance code 0 = 1
        }
        bits.huffman(0, count: 7)  // end of block, 256
        return (bits.bytes, Array("MZ".utf8) + [UInt8](repeating: 0x5A, count: 258 * copies))
    }

    /// `count` empty non-final stored blocks (3.2.4: BFINAL 0, BTYPE 00, LEN 0, NLEN 0xFFFF),
    /// which produce nothing, then a final stored block holding `data`.
    static func emptyBlocks(_ count: Int, then data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<count { out += [0x00, 0x00, 0x00, 0xFF, 0xFF] }
        let length = UInt16(data.count)
        out += [0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + data
        return out
    }

    private struct BitWriter {
        var bytes: [UInt8] = []
        var used = 0

        /// Data elements go least-significant bit first.
        mutating func write(_ value: UInt32, count: Int) {
            for index in 0..<count { push((value >> UInt32(index)) & 1 == 1) }
        }

        /// Huffman codes go most-significant bit first.
        mutating func huffman(_ code: UInt32, count: Int) {
            for index in stride(from: count - 1, through: 0, by: -1) { push((code >> UInt32(index)) & 1 == 1) }
        }

        private mutating func push(_ bit: Bool) {
            if used == 0 { bytes.append(0) }
            if bit, let last = bytes.indices.last { bytes[last] |= UInt8(1 << used) }
            used = (used + 1) % 8
        }
    }
}
