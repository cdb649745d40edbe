/// A minimal version-3 compound file written byte by byte for hostile tests: sector 0 is the
/// FAT, sector 1 the directory (root + up to 3 streams, siblings chained to the right), then
/// each stream's sectors. The mini stream cutoff is 0, so every stream uses the FAT.
struct MSITestImage {
    var streams: [(name: String, data: [UInt8])] = []

    mutating func addStream(_ name: String, _ data: [UInt8]) { streams.append((name, data)) }

    func build() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 512)
        func put16(_ v: Int, _ at: Int, into b: inout [UInt8]) {
            b[at] = UInt8(v & 0xFF); b[at + 1] = UInt8(v >> 8 & 0xFF)
        }
        func put32(_ v: UInt32, _ at: Int, into b: inout [UInt8]) {
            for i in 0..<4 { b[at + i] = UInt8(v >> (8 * UInt32(i)) & 0xFF) }
        }
        let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        out.replaceSubrange(0..<8, with: signature)
        put16(0x3E, 0x18, into: &out)
        put16(3, 0x1A, into: &out)
        put16(0xFFFE, 0x1C, into: &out)
        put16(9, 0x1E, into: &out)
        put16(6, 0x20, into: &out)
        put32(1, 0x2C, into: &out)  // one FAT sector
        put32(1, 0x30, into: &out)  // directory at sector 1
        put32(0, 0x38, into: &out)  // mini stream cutoff 0
        put32(0xFFFF_FFFE, 0x3C, into: &out)
        put32(0xFFFF_FFFE, 0x44, into: &out)
        put32(0, 0x4C, into: &out)  // FAT in sector 0
        for slot in 1..<109 { put32(0xFFFF_FFFF, 0x4C + 4 * slot, into: &out) }
        var fat = [UInt32](repeating: 0xFFFF_FFFF, count: 128)
        fat[0] = 0xFFFF_FFFD
        fat[1] = 0xFFFF_FFFE
        var directory = [UInt8](repeating: 0, count: 512)
        func entry(_ index: Int, name: String, type: UInt8, right: UInt32, child: UInt32, start: UInt32, size: Int) {
            let base = index * 128
            let units = Array(name.utf16)
            for (i, unit) in units.enumerated() { put16(Int(unit), base + 2 * i, into: &directory) }
            put16(2 * units.count + 2, base + 0x40, into: &directory)
            directory[base + 0x42] = type
            put32(0xFFFF_FFFF, base + 0x44, into: &directory)
            put32(right, base + 0x48, into: &directory)
            put32(child, base + 0x4C, into: &directory)
            put32(start, base + 0x74, into: &directory)
            put32(UInt32(size), base + 0x78, into: &directory)
        }
        entry(
            0, name: "Root Entry", type: 5, right: 0xFFFF_FFFF, child: streams.isEmpty ? 0xFFFF_FFFF : 1,
            start: 0xFFFF_FFFE, size: 0)
        var data: [UInt8] = []
        var next = 2
        for (index, stream) in streams.prefix(3).enumerated() {
            let sectors = max(1, (stream.data.count + 511) / 512)
            for s in 0..<sectors { fat[next + s] = s == sectors - 1 ? 0xFFFF_FFFE : UInt32(next + s + 1) }
            entry(
                index + 1, name: stream.name, type: 2,
                right: index + 1 < min(streams.count, 3) ? UInt32(index + 2) : 0xFFFF_FFFF,
                child: 0xFFFF_FFFF, start: UInt32(next), size: stream.data.count)
            var padded = stream.data
            padded += [UInt8](repeating: 0, count: sectors * 512 - stream.data.count)
            data += padded
            next += sectors
        }
        var fatBytes = [UInt8](repeating: 0, count: 512)
        for (i, value) in fat.enumerated() { put32(value, 4 * i, into: &fatBytes) }
        return out + fatBytes + directory + data
    }
}
