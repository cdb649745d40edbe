extension CabinetArchive {
    /// Full header reads `offsets(in:limit:)` may try: each costs up to the candidate's file
    /// list, so a file packed with fake headers cannot make the search quadratic.
    package static let maxSearchCandidates = 4096

    /// Where cabinets start inside a larger file (a self-extractor's or a Burn bundle's
    /// overlay), at most `limit` of them, in file order.
    ///
    /// A candidate is `MSCF` and four zero bytes whose header passes quick checks (reserved
    /// fields zero, version 1.3, folders and files, known flags, the file list inside the
    /// declared length) and then reads as a whole `CabinetHeader`. The search resumes after
    /// each cabinet found, so a stored cabinet inside another is not reported twice. At most
    /// `maxSearchCandidates` full reads are tried.
    package static func offsets(in bytes: UnsafeRawBufferPointer, limit: Int) -> [Int] {
        let reader = ByteReader(bytes)
        var found: [Int] = []
        var attempts = 0
        var cursor = 0
        while found.count < limit, attempts < maxSearchCandidates,
            let at = nextSignature(in: bytes, from: cursor)
        {
            cursor = at + 1
            guard plausible(reader, at) else { continue }
            attempts += 1
            let rest = UnsafeRawBufferPointer(rebasing: bytes[at...])
            guard let header = try? CabinetHeader(rest) else { continue }
            found.append(at)
            cursor = at + max(1, header.length)
        }
        return found
    }

    private static func nextSignature(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start >= 0, bytes.count >= 8 else { return nil }
        var index = start
        while index <= bytes.count - 8 {
            if bytes[index] == 0x4D, bytes[index + 1] == 0x53, bytes[index + 2] == 0x43, bytes[index + 3] == 0x46,
                bytes[index + 4] == 0, bytes[index + 5] == 0, bytes[index + 6] == 0, bytes[index + 7] == 0
            {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func plausible(_ reader: ByteReader, _ at: Int) -> Bool {
        guard reader.contains(offset: at, length: CabinetHeader.headerSize),
            let length = try? reader.u32(at: at + 0x08), let files = try? reader.u32(at: at + 0x10),
            (try? reader.u32(at: at + 0x0C)) == 0, (try? reader.u32(at: at + 0x14)) == 0,
            (try? reader.u8(at: at + 0x18)) == 3, (try? reader.u8(at: at + 0x19)) == 1,
            let folderCount = try? reader.u16(at: at + 0x1A), let fileCount = try? reader.u16(at: at + 0x1C),
            let flags = try? reader.u16(at: at + 0x1E)
        else { return false }
        return folderCount > 0 && fileCount > 0 && flags & ~7 == 0 && files >= UInt32(CabinetHeader.headerSize)
            && files < length
    }
}
