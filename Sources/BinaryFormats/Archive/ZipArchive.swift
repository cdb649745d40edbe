/// The entries of a ZIP archive (wheels, NuGet packages, MSIX/APPX, JAR, plain ZIP), read from
/// its central directory, and their bytes on demand.
///
/// Layout from PKWARE's APPNOTE.TXT: the end-of-central-directory record (signature
/// `PK\5\6`) within the last 64 KiB + 22 bytes, optionally a ZIP64 locator and record, the
/// central directory (`PK\1\2` entries of 46 bytes plus name, extra and comment), and a local
/// header (`PK\3\4`, 30 bytes plus name and extra) before each entry's data. Only stored (0)
/// and deflated (8) entries are read; every offset and size is checked, counts are capped,
/// an entry may not claim more than `ReadLimits.maxCompressionRatio` to one, and an entry's
/// data may not run into the next local header (overlapping entries), so the work of reading
/// every entry once is bounded by the archive's size.
package struct ZipArchive {
    package struct Entry: Sendable, Equatable {
        package var name: String
        package var method: UInt16
        package var crc32: UInt32
        package var compressedSize: UInt64
        package var uncompressedSize: UInt64
        package var localHeaderOffset: UInt64
        package var isDirectory: Bool { name.hasSuffix("/") }
    }

    package let entries: [Entry]
    /// Where the records disagree or an entry cannot be read as the others: one sentence each,
    /// for the scan to report (the end record's counts against the central directory).
    package let inconsistencies: [String]
    /// Bytes before the archive proper (a self-extractor stub) when the end record's offsets
    /// count from there, as `unzip` allows; 0 for an ordinary archive.
    package let stubLength: Int
    /// How much inflating this archive has cost so far.
    package let work = InflateWork()
    private let reader: ByteReader
    /// For each entry, the first entry whose local header it shares (itself when none does).
    private let owners: [Int]
    /// For each local header offset, where the next entry's local header (or the central
    /// directory) starts: an entry's data may not run past it.
    private let dataLimits: [UInt64: UInt64]

    /// Compressed bytes a sniff may consume: a deflate block header is at most a few hundred
    /// bytes and the first literals follow it, so an honest stream gives its first bytes well
    /// within this.
    package static let sniffInputBudget = 64 << 10

    /// Reads the central directory of the archive in `bytes` (which must outlive the value).
    ///
    /// Entries are read from the central directory up to the first record that is not an
    /// entry, as Python's zipfile does, so an end record that counts fewer entries than the
    /// directory holds loses none; the disagreement is kept in `inconsistencies`.
    package init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        reader = ByteReader(bytes)
        let end = try Self.endOfCentralDirectory(reader)
        let directory = try reader.u32(at: end + 16, "central directory offset")
        let directorySize = try reader.u32(at: end + 12, "central directory size")
        var diskCount = Int(try reader.u16(at: end + 8, "central directory entry count"))
        var count = Int(try reader.u16(at: end + 10, "central directory entry count"))
        var directoryOffset = UInt64(directory)
        var zip64 = false
        if directory == 0xFFFF_FFFF || count == 0xFFFF, end >= 20, (try? reader.u32(at: end - 20)) == 0x0706_4B50 {
            let record = try reader.u64(at: end - 12, "ZIP64 end of central directory offset")
            guard record < UInt64(reader.count) else {
                throw .pointsPastEnd(
                    field: "ZIP64 end of central directory offset", value: record, fileSize: reader.count)
            }
            guard try reader.u32(at: Int(record), "ZIP64 end of central directory") == 0x0606_4B50 else {
                throw .invalid("no ZIP64 end of central directory record at \(hex(record))")
            }
            let count64 = try reader.u64(at: Int(record) + 32, "ZIP64 entry count")
            guard count64 <= UInt64(ReadLimits.maxArchiveEntries) else {
                throw .countTooLarge(
                    what: "ZIP entry", count: Int(clamping: count64), limit: ReadLimits.maxArchiveEntries)
            }
            count = Int(count64)
            diskCount = Int(clamping: try reader.u64(at: Int(record) + 24, "ZIP64 entry count"))
            directoryOffset = try reader.u64(at: Int(record) + 48, "ZIP64 central directory offset")
            zip64 = true
        }
        guard directoryOffset <= UInt64(reader.count) else {
            throw .pointsPastEnd(field: "central directory offset", value: directoryOffset, fileSize: reader.count)
        }
        // A stub before the archive (a self-extractor) whose offsets were not adjusted: the
        // directory really ends where the end record is, so the difference is the stub's
        // length (unzip's "extra bytes at beginning").
        var base = 0
        if !zip64, (try? reader.u32(at: Int(directoryOffset))) != 0x0201_4B50 {
            let shift = end - Int(directoryOffset) - Int(directorySize)
            if shift > 0, (try? reader.u32(at: Int(directoryOffset) + shift)) == 0x0201_4B50 { base = shift }
        }
        var entries: [Entry] = []
        let directoryStart = Int(directoryOffset) + base
        var cursor = directoryStart
        while true {
            if entries.count >= count {
                guard (try? reader.u32(at: cursor)) == 0x0201_4B50 else { break }
                guard entries.count < ReadLimits.maxArchiveEntries else {
                    throw .countTooLarge(
                        what: "ZIP entry", count: entries.count + 1, limit: ReadLimits.maxArchiveEntries)
                }
            } else {
                guard try reader.u32(at: cursor, "central directory entry") == 0x0201_4B50 else {
                    throw .invalid("central directory entry at \(hex(cursor)) has no PK\\1\\2 signature")
                }
            }
            let nameLength = Int(try reader.u16(at: cursor + 28))
            let extraLength = Int(try reader.u16(at: cursor + 30))
            let commentLength = Int(try reader.u16(at: cursor + 32))
            let nameBytes = try reader.slice(at: cursor + 46, length: nameLength, "entry name")
            var entry = Entry(
                name: String(decoding: nameBytes, as: UTF8.self), method: try reader.u16(at: cursor + 10),
                crc32: try reader.u32(at: cursor + 16), compressedSize: UInt64(try reader.u32(at: cursor + 20)),
                uncompressedSize: UInt64(try reader.u32(at: cursor + 24)),
                localHeaderOffset: UInt64(try reader.u32(at: cursor + 42)))
            try Self.applyZIP64(
                &entry, extra: try reader.slice(at: cursor + 46 + nameLength, length: extraLength, "entry extra field"))
            let (shifted, overflow) = entry.localHeaderOffset.addingReportingOverflow(UInt64(base))
            entry.localHeaderOffset = overflow ? UInt64.max : shifted
            entries.append(entry)
            cursor += 46 + nameLength + extraLength + commentLength
        }
        var inconsistencies: [String] = []
        if diskCount != count {
            inconsistencies.append("the end record counts \(diskCount) entries on this disk and \(count) in all")
        }
        if entries.count != count {
            inconsistencies.append(
                "the end record counts \(count) entries, the central directory holds \(entries.count); all \(entries.count) were read"
            )
        }
        self.entries = entries
        self.inconsistencies = inconsistencies
        self.stubLength = base
        (owners, dataLimits) = Self.layout(entries, directoryStart: UInt64(directoryStart))
    }

    /// Which entries share a local header, and how far each local header's data may reach.
    private static func layout(_ entries: [Entry], directoryStart: UInt64) -> ([Int], [UInt64: UInt64]) {
        var owners = Array(entries.indices)
        var firstAt: [UInt64: Int] = [:]
        for (index, entry) in entries.enumerated() {
            if let first = firstAt[entry.localHeaderOffset] {
                owners[index] = first
            } else {
                firstAt[entry.localHeaderOffset] = index
            }
        }
        let offsets = firstAt.keys.sorted()
        var limits: [UInt64: UInt64] = [:]
        for (position, offset) in offsets.enumerated() {
            let next = position + 1 < offsets.count ? offsets[position + 1] : UInt64.max
            limits[offset] = offset < directoryStart ? min(next, directoryStart) : next
        }
        return (owners, limits)
    }

    /// The entry (an index into `entries`) whose local header and data the entry at `index`
    /// shares; `index` itself unless the directory points two entries at one header (an
    /// overlapping-entries zip bomb, which Python's zipfile refuses too).
    package func dataOwner(of index: Int) -> Int {
        owners.indices.contains(index) ? owners[index] : index
    }

    /// The first `length` bytes of an entry (to sniff its format without inflating it all):
    /// at most `sniffInputBudget` compressed bytes are read and `length` bytes produced.
    package func prefix(of entry: Entry, length: Int) throws(BinaryFormatError) -> [UInt8] {
        let data = try compressedData(of: entry)
        let wanted = Int(min(UInt64(max(length, 0)), entry.uncompressedSize))
        switch entry.method {
        case 0: return Array(UnsafeRawBufferPointer(rebasing: data[0..<min(wanted, data.count)]))
        case 8:
            return try Inflater.prefix(
                data, length: wanted, expected: entry.uncompressedSize, inputBudget: Self.sniffInputBudget, work: work)
        default:
            throw .invalid(
                "\(entry.name): compression method \(entry.method) is not supported (only stored and deflate)")
        }
    }

    /// The entry's whole uncompressed bytes, checked against its size and CRC-32.
    package func contents(of entry: Entry) throws(BinaryFormatError) -> [UInt8] {
        try checkClaims(entry)
        let data = try compressedData(of: entry)
        var bytes: [UInt8] = []
        let crc: UInt32
        if entry.method == 0 {
            bytes = Array(data)
            crc = Inflater.crc32(data)
        } else {
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            crc = try Inflater.inflate(data, expected: entry.uncompressedSize, work: work) {
                chunk throws(BinaryFormatError) in
                bytes.append(contentsOf: chunk)
            }
        }
        guard crc == entry.crc32 else {
            throw .invalid("\(entry.name): CRC-32 \(hex(crc)) does not match the directory's \(hex(entry.crc32))")
        }
        return bytes
    }

    /// Refuses entries that are too large, use an unsupported method, or claim more than
    /// deflate can produce from their compressed size (a zip bomb), before any inflating.
    func checkClaims(_ entry: Entry) throws(BinaryFormatError) {
        guard entry.uncompressedSize <= UInt64(ReadLimits.maxArchiveEntryBytes) else {
            throw .countTooLarge(
                what: "\(entry.name): uncompressed byte", count: Int(clamping: entry.uncompressedSize),
                limit: ReadLimits.maxArchiveEntryBytes)
        }
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw .invalid(
                    "\(entry.name): stored entry is \(entry.compressedSize) bytes, the directory says \(entry.uncompressedSize)"
                )
            }
        case 8:
            // ZIP64 sizes are 64-bit: multiply without trapping.
            let (possible, overflow) = max(entry.compressedSize, 1).multipliedReportingOverflow(
                by: UInt64(ReadLimits.maxCompressionRatio))
            guard overflow || entry.uncompressedSize <= possible else {
                throw .invalid(
                    "\(entry.name): claims \(entry.uncompressedSize) bytes from \(entry.compressedSize) compressed (more than deflate can give)"
                )
            }
        default:
            throw .invalid(
                "\(entry.name): compression method \(entry.method) is not supported (only stored and deflate)")
        }
    }

    /// The bytes the entry occupies in the archive (local header through compressed data), as
    /// offsets into it; nil when they are not inside it.
    package func storedRange(of entry: Entry) -> Range<Int>? {
        guard let data = try? compressedData(of: entry), let base = reader.bytes.baseAddress,
            let start = data.baseAddress
        else {
            return nil
        }
        return Int(entry.localHeaderOffset)..<(start - base + data.count)
    }

    func compressedData(of entry: Entry) throws(BinaryFormatError) -> UnsafeRawBufferPointer {
        guard entry.localHeaderOffset < UInt64(reader.count) else {
            throw .pointsPastEnd(
                field: "\(entry.name): local header offset", value: entry.localHeaderOffset, fileSize: reader.count)
        }
        let header = Int(entry.localHeaderOffset)
        guard try reader.u32(at: header, "local header") == 0x0403_4B50 else {
            throw .invalid("\(entry.name): no local header (PK\\3\\4) at \(hex(header))")
        }
        let start = header + 30 + Int(try reader.u16(at: header + 26)) + Int(try reader.u16(at: header + 28))
        guard entry.compressedSize <= UInt64(reader.count) else {
            throw .pointsPastEnd(
                field: "\(entry.name): compressed size", value: entry.compressedSize, fileSize: reader.count)
        }
        let data = try reader.slice(at: start, length: Int(entry.compressedSize), "\(entry.name) data")
        if let limit = dataLimits[entry.localHeaderOffset], UInt64(start) + entry.compressedSize > limit {
            throw .invalid(
                "\(entry.name): its data runs past \(hex(limit)), where the next entry or the central directory starts "
                    + "(overlapping entries, a zip-bomb shape)")
        }
        return data
    }

    /// Finds `PK\5\6` scanning back from the end over at most the comment's maximum length.
    private static func endOfCentralDirectory(_ reader: ByteReader) throws(BinaryFormatError) -> Int {
        guard reader.count >= 22 else {
            throw .invalid("ZIP archive truncated: file is \(hex(reader.count)) bytes, an end record needs 0x16")
        }
        let lowest = max(0, reader.count - 22 - 0xFFFF)
        var offset = reader.count - 22
        while offset >= lowest {
            if reader.bytes[offset] == 0x50, (try? reader.u32(at: offset)) == 0x0605_4B50 { return offset }
            offset -= 1
        }
        throw .invalid("no ZIP end of central directory record (PK\\5\\6) in the last \(reader.count - lowest) bytes")
    }

    /// Replaces 0xFFFFFFFF sizes and offsets with the ZIP64 extended information (tag 0x0001).
    private static func applyZIP64(_ entry: inout Entry, extra: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        var cursor = 0
        let fields = ByteReader(extra)
        while cursor + 4 <= extra.count {
            let tag = try fields.u16(at: cursor)
            let size = Int(try fields.u16(at: cursor + 2))
            if tag == 0x0001 {
                var at = cursor + 4
                if entry.uncompressedSize == 0xFFFF_FFFF {
                    entry.uncompressedSize = try fields.u64(at: at, "ZIP64 size"); at += 8
                }
                if entry.compressedSize == 0xFFFF_FFFF {
                    entry.compressedSize = try fields.u64(at: at, "ZIP64 size"); at += 8
                }
                if entry.localHeaderOffset == 0xFFFF_FFFF {
                    entry.localHeaderOffset = try fields.u64(at: at, "ZIP64 offset")
                }
                return
            }
            cursor += 4 + size
        }
    }
}
