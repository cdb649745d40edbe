/// A Microsoft cabinet (CAB): its member list, read in Swift by `CabinetHeader`, and the
/// members' bytes on demand, decompressed by libmspack (none, MSZIP, Quantum, LZX).
///
/// The value keeps its own copy of the cabinet (cut to the declared length), so it is
/// `Sendable` and any number of extractions may run at once, each with a decompressor of its
/// own; `borrowing(_:_:)` reads a cabinet in place instead, for the length of a closure.
/// Before libmspack decompresses anything, the member's claims are checked: its size
/// against the caller's limit and `ReadLimits.maxArchiveEntryBytes`, the folder bytes it
/// needs against the folder's block count (32 KiB each) and against
/// `ReadLimits.maxCompressionRatio` times the compressed bytes the folder really has, so a
/// header claiming gigabytes from a few bytes is refused with a sentence instead of run.
/// Members of a multi-cabinet set that begin in the previous cabinet are refused (sets are
/// reported through `spansCabinets`, not followed).
package struct CabinetArchive: Sendable {
    package let header: CabinetHeader
    package let files: [File]
    package let warnings: [String]
    let cabinet: CabinetBytes

    /// Reads the cabinet at the start of `bytes`, copying the cabinet's bytes.
    package init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        let header = try CabinetHeader(bytes)
        self.init(header: header, cabinet: CabinetBytes(Array(bytes.prefix(header.length))))
    }

    /// Reads the cabinet at the start of `bytes` in place, without a copy (a walked cabinet
    /// is as large as its file). The value reads `bytes` and must not be kept past `body`.
    package static func borrowing<R>(_ bytes: UnsafeRawBufferPointer, _ body: (CabinetArchive) -> R)
        throws(BinaryFormatError) -> R
    {
        let header = try CabinetHeader(bytes)
        let cabinet = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, header.length)])
        return body(CabinetArchive(header: header, cabinet: CabinetBytes(borrowing: cabinet)))
    }

    /// Reads the cabinet at the start of `bytes`, sharing the array when it holds just the
    /// cabinet.
    package init(_ bytes: [UInt8]) throws(BinaryFormatError) {
        let read = bytes.withUnsafeBytes { buffer in
            Result { () throws(BinaryFormatError) in try CabinetHeader(buffer) }
        }
        let header = try read.get()
        self.init(
            header: header,
            cabinet: CabinetBytes(bytes.count == header.length ? bytes : Array(bytes.prefix(header.length))))
    }

    private init(header: CabinetHeader, cabinet: CabinetBytes) {
        self.header = header
        self.cabinet = cabinet
        files = header.files.enumerated().map { File($1, index: $0, folders: header.folders) }
        warnings = header.warnings
    }

    /// The previous or next flag is set: this cabinet is part of a set.
    package var spansCabinets: Bool { header.spansCabinets }

    /// The whole member, at most `limit` bytes (and never more than
    /// `ReadLimits.maxArchiveEntryBytes`).
    /// - Throws: when the member is larger than the limit, fails the ratio or block checks, or
    ///   libmspack cannot decompress it; the sentence names the member.
    package func contents(of file: File, limit: Int) throws(BinaryFormatError) -> [UInt8] {
        try check(file, end: file.size)
        let allowed = min(limit, ReadLimits.maxArchiveEntryBytes)
        guard file.size <= allowed else {
            throw .invalid("cabinet member '\(file.name)' is \(file.size) bytes, more than the limit of \(allowed)")
        }
        return try Self.complete(
            file,
            try CabinetDecompressor(cabinet: cabinet).extract(
                index: file.index, size: file.size, offset: file.offset, cap: file.size))
    }

    /// The member's first `length` bytes (fewer when it is shorter). libmspack decompresses
    /// the folder from its start up to the member and stops one block after the prefix.
    package func prefix(of file: File, length: Int) throws(BinaryFormatError) -> [UInt8] {
        let wanted = max(0, min(length, file.size))
        try check(file, end: wanted)
        let output = try CabinetDecompressor(cabinet: cabinet).extract(
            index: file.index, size: file.size, offset: file.offset, cap: wanted)
        guard output.capReached || output.bytes.count == file.size else {
            throw .invalid("cabinet member '\(file.name)' decompressed to \(output.bytes.count) of \(file.size) bytes")
        }
        return output.bytes
    }

    /// Every member's contents (at most `limit` bytes each), in memory, folder by folder in
    /// offset order (`forEachFile(limit:keep:_:)`).
    package func forEachFile(limit: Int, _ body: (File, Result<[UInt8], BinaryFormatError>) -> Void) {
        forEachFile(limit: limit, keep: { _, _ in .memory }) { file, result in
            body(
                file,
                result.map { contents in
                    if case let .memory(bytes) = contents { return bytes }
                    return []
                })
        }
    }

    private static func complete(_ file: File, _ output: CabinetDecompressor.Output) throws(BinaryFormatError)
        -> [UInt8]
    {
        guard !output.capReached, output.bytes.count == file.size else {
            throw .invalid("cabinet member '\(file.name)' decompressed to \(output.bytes.count) of \(file.size) bytes")
        }
        return output.bytes
    }

    /// Refuses, before any decompression, a member whose first `end` bytes cannot honestly
    /// come from its folder.
    func check(_ file: File, end: Int) throws(BinaryFormatError) {
        guard !file.continuedFromPrevious, !(file.folder == 0 && files.contains(where: \.continuedFromPrevious)) else {
            throw .invalid(
                "cabinet member '\(file.name)' begins in the previous cabinet of a set, which armready does not follow")
        }
        if case let .unknown(method) = file.compression {
            throw .invalid("cabinet member '\(file.name)' uses unknown compression method \(method)")
        }
        guard header.folders.indices.contains(file.folder) else {
            throw .invalid("cabinet member '\(file.name)' names folder \(file.folder), which does not exist")
        }
        let folder = header.folders[file.folder]
        let needed = file.offset + end
        let blockCapacity = folder.declaredBlocks * CabinetHeader.maxBlockBytes
        guard needed <= blockCapacity else {
            throw .invalid(
                "cabinet member '\(file.name)' needs \(needed) bytes of folder \(file.folder), whose "
                    + "\(folder.declaredBlocks) data blocks decompress to at most \(blockCapacity)")
        }
        let ratioCapacity = folder.compressedBytes * ReadLimits.maxCompressionRatio
        guard needed <= ratioCapacity else {
            throw .invalid(
                "cabinet member '\(file.name)' needs \(needed) bytes from the \(folder.compressedBytes) compressed bytes "
                    + "of folder \(file.folder), more than \(ReadLimits.maxCompressionRatio) to one: refused as a "
                    + "cabinet bomb")
        }
    }
}
