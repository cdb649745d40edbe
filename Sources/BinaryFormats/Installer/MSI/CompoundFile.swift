/// An OLE compound file (MS-CFB): the container of MSI, MSP and MSM files.
///
/// Header (512 bytes; v3 has 512-byte sectors, v4 4096-byte ones), the DIFAT (109 slots in the
/// header plus a chain of DIFAT sectors), the FAT, the miniFAT and the mini stream (streams
/// below the 4096-byte cutoff live in 64-byte mini sectors inside the root entry's stream), and
/// the directory: 128-byte entries forming a red-black tree per storage. Every chain is walked
/// with a step cap equal to the sector count, so a loop is an error, not a hang; the directory
/// tree is walked iteratively with a visited set. Stream bytes are copied into owned arrays; the
/// file's own bytes are not (an installer may be gigabytes), so they must outlive the value, as
/// with `ZipArchive`.
package struct CompoundFile {
    package struct Entry: Sendable, Equatable {
        /// The UTF-16 name as stored (MSI names are still packed; see `MSIStreamName`).
        package var name: String
        package var size: Int
        /// The names of the storages above this stream, outermost first (empty at the root).
        package var path: [String]
        fileprivate var startSector: UInt32
    }

    /// Streams anywhere in the tree, in directory order.
    package let streams: [Entry]
    private let bytes: UnsafeRawBufferPointer
    private let sectorSize: Int
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let miniStream: [UInt8]
    private let miniCutoff: Int

    package static let maxSectors = 1 << 22
    package static let maxDirectoryEntries = 65_536
    package static let maxStreamBytes = 512 << 20

    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF

    /// Reads the container in `buffer`, which must outlive the value.
    package init(_ buffer: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        let reader = ByteReader(buffer)
        guard try reader.u64(at: 0, "compound file signature") == 0xE11A_B1A1_E011_CFD0 else {
            throw .invalid("not an OLE compound file (no D0CF11E0 signature)")
        }
        let major = try reader.u16(at: 0x1A, "compound file major version")
        let shift = Int(try reader.u16(at: 0x1E, "sector shift"))
        guard (major == 3 && shift == 9) || (major == 4 && shift == 12) else {
            throw .invalid("compound file version \(major) with sector shift \(shift) is not 3/9 or 4/12")
        }
        guard try reader.u16(at: 0x1C, "byte order mark") == 0xFFFE else {
            throw .invalid("compound file byte order mark is not FFFE")
        }
        guard try reader.u16(at: 0x20, "mini sector shift") == 6 else {
            throw .invalid("compound file mini sector shift is not 6")
        }
        let size = 1 << shift
        sectorSize = size
        bytes = buffer
        let sectorCount = max(0, buffer.count / size - 1)
        guard sectorCount <= Self.maxSectors else {
            throw .countTooLarge(what: "compound file sector", count: sectorCount, limit: Self.maxSectors)
        }
        let fatCount = Int(try reader.u32(at: 0x2C, "FAT sector count"))
        guard fatCount <= sectorCount else {
            throw .countTooLarge(what: "FAT sector", count: fatCount, limit: sectorCount)
        }
        // DIFAT: 109 header slots, then a chain of sectors of (size/4 - 1) slots and a next link.
        var fatSectors: [UInt32] = []
        for slot in 0..<109 where fatSectors.count < fatCount {
            fatSectors.append(try reader.u32(at: 0x4C + 4 * slot, "DIFAT slot"))
        }
        var difat = try reader.u32(at: 0x44, "first DIFAT sector")
        var steps = 0
        while fatSectors.count < fatCount, difat < Self.endOfChain - 4 {
            steps += 1
            guard steps <= sectorCount else { throw .invalid("the DIFAT chain loops") }
            let base = try Self.offset(of: difat, size: size, reader)
            for slot in 0..<(size / 4 - 1) where fatSectors.count < fatCount {
                fatSectors.append(try reader.u32(at: base + 4 * slot, "DIFAT entry"))
            }
            difat = try reader.u32(at: base + size - 4, "next DIFAT sector")
        }
        guard fatSectors.count == fatCount else {
            throw .invalid("the DIFAT lists \(fatSectors.count) FAT sectors, the header \(fatCount)")
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(min(fatCount * size / 4, sectorCount + size))
        for sector in fatSectors {
            let base = try Self.offset(of: sector, size: size, reader)
            for index in 0..<(size / 4) { fat.append(try reader.u32(at: base + 4 * index, "FAT entry")) }
        }
        self.fat = fat
        miniCutoff = Int(try reader.u32(at: 0x38, "mini stream cutoff"))

        // Directory.
        let directoryBytes = try Self.chain(
            from: try reader.u32(at: 0x30, "first directory sector"), fat: fat, sectorSize: size, reader,
            limit: Self.maxDirectoryEntries * 128, "directory")
        let entryCount = directoryBytes.count / 128
        var raw:
            [(name: String, type: UInt8, left: UInt32, right: UInt32, child: UInt32, start: UInt32, size: UInt64)] =
                []
        try directoryBytes.withByteReader { (entries: ByteReader) throws(BinaryFormatError) in
            for index in 0..<entryCount {
                let base = index * 128
                let length = Int(try entries.u16(at: base + 0x40, "directory entry name length"))
                let units = min(max(length / 2 - 1, 0), 31)
                raw.append(
                    (
                        try entries.utf16String(at: base, units: units, "directory entry name"),
                        try entries.u8(at: base + 0x42, "directory entry type"),
                        try entries.u32(at: base + 0x44, "left sibling"),
                        try entries.u32(at: base + 0x48, "right sibling"),
                        try entries.u32(at: base + 0x4C, "child"),
                        try entries.u32(at: base + 0x74, "start sector"),
                        try entries.u64(at: base + 0x78, "stream size")
                    ))
            }
        }
        guard let root = raw.first, root.type == 5 else { throw .invalid("the compound file has no root entry") }
        // Mini stream: the root entry's chain in the FAT.
        if root.size > UInt64(Self.maxStreamBytes) {
            throw .countTooLarge(what: "mini stream byte", count: Int(clamping: root.size), limit: Self.maxStreamBytes)
        }
        let mini = try Self.chain(
            from: root.start, fat: fat, sectorSize: size, reader, limit: Int(root.size), "mini stream")
        guard mini.count >= Int(root.size) else {
            throw .invalid("the mini stream is shorter than the root entry says")
        }
        miniStream = Array(mini.prefix(Int(root.size)))
        let miniFATBytes = try Self.chain(
            from: try reader.u32(at: 0x3C, "first miniFAT sector"), fat: fat, sectorSize: size, reader,
            limit: Self.maxSectors, "miniFAT")
        var miniFAT: [UInt32] = []
        miniFAT.reserveCapacity(miniFATBytes.count / 4)
        for index in 0..<(miniFATBytes.count / 4) {
            let b = miniFATBytes[(4 * index)..<(4 * index + 4)].map(UInt32.init)
            miniFAT.append(b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24)
        }
        self.miniFAT = miniFAT

        // Walk the tree iteratively: (entry, path); each entry is visited at most once.
        var visited = Set<UInt32>()
        var pending: [(UInt32, [String])] = [(root.child, [])]
        var streams: [(UInt32, Entry)] = []
        while let (index, path) = pending.popLast() {
            guard index != Self.freeSector else { continue }
            guard Int(index) < raw.count else { throw .invalid("directory entry \(index) is past the directory") }
            guard visited.insert(index).inserted else {
                throw .invalid("directory entry \(index) is reached twice (a cycle in the directory tree)")
            }
            let entry = raw[Int(index)]
            pending.append((entry.right, path))
            pending.append((entry.left, path))
            switch entry.type {
            case 1: pending.append((entry.child, path + [entry.name]))
            case 2:
                guard entry.size <= UInt64(Self.maxStreamBytes) else {
                    throw .countTooLarge(
                        what: "stream \(entry.name) byte", count: Int(clamping: entry.size), limit: Self.maxStreamBytes)
                }
                streams.append(
                    (index, Entry(name: entry.name, size: Int(entry.size), path: path, startSector: entry.start)))
            default: break
            }
        }
        // Directory order (by entry index) is stable and independent of the tree's shape.
        self.streams = streams.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// At most `limit` bytes of the stream, copied.
    package func read(_ entry: Entry, limit: Int) throws(BinaryFormatError) -> [UInt8] {
        let wanted = min(entry.size, max(0, limit))
        let reader = ByteReader(bytes)
        return try { () throws(BinaryFormatError) -> [UInt8] in
            if entry.size < miniCutoff {
                var out: [UInt8] = []
                out.reserveCapacity(wanted)
                var sector = entry.startSector
                var steps = 0
                while out.count < wanted {
                    guard Int(sector) < miniFAT.count else {
                        throw .invalid("stream \(entry.name): mini sector \(sector) is outside the miniFAT")
                    }
                    steps += 1
                    guard steps <= miniFAT.count else { throw .invalid("stream \(entry.name): the mini chain loops") }
                    let start = Int(sector) * 64
                    guard start + 64 <= miniStream.count else {
                        throw .invalid("stream \(entry.name): mini sector \(sector) is past the mini stream")
                    }
                    out += miniStream[start..<(start + min(64, wanted - out.count))]
                    sector = miniFAT[Int(sector)]
                }
                return out
            }
            let out = try Self.chain(
                from: entry.startSector, fat: fat, sectorSize: sectorSize, reader, limit: wanted,
                "stream \(entry.name)")
            guard out.count >= wanted else {
                throw .invalid("stream \(entry.name) is shorter than its directory entry")
            }
            return Array(out.prefix(wanted))
        }()
    }

    private static func offset(of sector: UInt32, size: Int, _ reader: ByteReader) throws(BinaryFormatError) -> Int {
        let (offset, overflow) = (Int(sector) + 1).multipliedReportingOverflow(by: size)
        guard !overflow, reader.contains(offset: offset, length: size) else {
            throw .pointsPastEnd(field: "sector \(sector)", value: UInt64(sector), fileSize: reader.count)
        }
        return offset
    }

    /// The bytes of the FAT chain from `start`, stopping once `limit` bytes are read.
    private static func chain(
        from start: UInt32, fat: [UInt32], sectorSize: Int, _ reader: ByteReader, limit: Int, _ what: String
    ) throws(BinaryFormatError) -> [UInt8] {
        var out: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != endOfChain, sector != freeSector, out.count < limit {
            guard Int(sector) < fat.count else { throw .invalid("\(what): sector \(sector) is outside the FAT") }
            steps += 1
            guard steps <= fat.count else { throw .invalid("\(what): the sector chain loops") }
            let offset = try Self.offset(of: sector, size: sectorSize, reader)
            out += UnsafeRawBufferPointer(rebasing: reader.bytes[offset..<(offset + sectorSize)])
            sector = fat[Int(sector)]
        }
        return out
    }
}
