/// The records of one cabinet (CFHEADER, CFFOLDER, CFFILE, and the CFDATA block headers),
/// read and checked in Swift before libmspack sees the bytes.
///
/// Layout from Microsoft's cabinet format (libmspack's cab.h): a 36-byte CFHEADER (`MSCF`,
/// cbCabinet @0x08, coffFiles @0x10, version 1.3 @0x18, cFolders @0x1A, cFiles @0x1C, flags
/// @0x1E: 1 previous cabinet, 2 next cabinet, 4 reserve fields), the optional reserve sizes and
/// bytes, the previous/next cabinet and disk names, cFolders CFFOLDERs (coffCabStart,
/// cCFData, typeCompress, reserve) and cFiles CFFILEs (size, folder offset, folder index,
/// date, time, attributes, NUL-terminated name). The file list is read where libmspack reads
/// it, right after the folders; a coffFiles that points elsewhere is a warning. Each
/// folder's data blocks are walked (8-byte header, reserve, cbData bytes) to know how many
/// compressed bytes the folder really has, which bounds what extracting from it may produce.
/// Cabinet sets (the previous/next flags) are reported, not followed.
package struct CabinetHeader: Sendable, Equatable {
    package struct Folder: Sendable, Equatable {
        /// coffCabStart: the first data block, from the start of the cabinet.
        package var dataOffset: Int
        /// cCFData: the data blocks the folder declares.
        package var declaredBlocks: Int
        /// typeCompress: the low 4 bits are the method, bits 8-12 the window or level.
        package var compressionType: UInt16
        /// The bytes of the data blocks present in the cabinet, headers included.
        package var compressedBytes: Int
        /// Whether all declared blocks lie inside the cabinet.
        package var isComplete: Bool
    }

    package struct Entry: Sendable, Equatable {
        package var nameBytes: [UInt8]
        package var size: UInt32
        package var folderOffset: UInt32
        /// iFolder as stored: 0xFFFD continued from the previous cabinet, 0xFFFE continued to
        /// the next, 0xFFFF both.
        package var folderIndex: UInt16
        package var attributes: UInt16
    }

    package static let headerSize = 36
    package static let signature: UInt32 = 0x4643_534D
    /// A CFFILE holds 16 fixed bytes and a name of at least one byte and its NUL.
    package static let minimumFileEntrySize = 18
    /// A data block decompresses to at most 32 KiB (libmspack's CAB_BLOCKMAX).
    package static let maxBlockBytes = 32_768

    /// cbCabinet as declared.
    package var declaredLength: Int
    /// The bytes of the cabinet present: cbCabinet, or less when the input ends first.
    package var length: Int
    package var versionMajor: UInt8
    package var versionMinor: UInt8
    package var flags: UInt16
    package var setID: UInt16
    package var cabinetIndex: UInt16
    package var previousCabinet: String?
    package var nextCabinet: String?
    package var folders: [Folder]
    package var files: [Entry]
    /// Irregularities that do not stop reading, one sentence each.
    package var warnings: [String]

    package var spansCabinets: Bool { flags & 3 != 0 }

    /// Reads the cabinet at the start of `bytes`.
    package init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        let whole = ByteReader(bytes)
        try whole.require(offset: 0, length: Self.headerSize, "cabinet header")
        guard try whole.u32(at: 0) == Self.signature else { throw .invalid("no MSCF signature at the start") }
        var warnings: [String] = []
        declaredLength = Int(try whole.u32(at: 0x08))
        guard declaredLength >= Self.headerSize else {
            throw .invalid("the cabinet header declares a length of \(declaredLength) bytes, less than its own 36")
        }
        if declaredLength > bytes.count {
            warnings.append(
                "the cabinet header declares \(declaredLength) bytes but only \(bytes.count) are present; "
                    + "files stored past the end cannot be extracted")
        }
        length = min(declaredLength, bytes.count)
        let reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
        let reserved = [try reader.u32(at: 0x04), try reader.u32(at: 0x0C), try reader.u32(at: 0x14)]
        if reserved != [0, 0, 0] {
            warnings.append("the cabinet header's reserved fields are not zero")
        }
        let filesOffset = Int(try reader.u32(at: 0x10))
        versionMinor = try reader.u8(at: 0x18)
        versionMajor = try reader.u8(at: 0x19)
        if versionMajor != 1 || versionMinor != 3 {
            warnings.append("the cabinet format version is \(versionMajor).\(versionMinor), not 1.3")
        }
        let folderCount = Int(try reader.u16(at: 0x1A))
        let fileCount = Int(try reader.u16(at: 0x1C))
        flags = try reader.u16(at: 0x1E)
        setID = try reader.u16(at: 0x20)
        cabinetIndex = try reader.u16(at: 0x22)
        guard folderCount > 0 else { throw .invalid("the cabinet header declares no folders") }
        guard fileCount > 0 else { throw .invalid("the cabinet header declares no files") }

        var cursor = Self.headerSize
        var folderReserve = 0
        var blockReserve = 0
        if flags & 4 != 0 {
            let headerReserve = Int(try reader.u16(at: cursor, "cabinet reserve sizes"))
            folderReserve = Int(try reader.u8(at: cursor + 2, "cabinet reserve sizes"))
            blockReserve = Int(try reader.u8(at: cursor + 3, "cabinet reserve sizes"))
            try reader.require(offset: cursor + 4, length: headerReserve, "cabinet header reserve")
            cursor += 4 + headerReserve
        }
        previousCabinet = nil
        nextCabinet = nil
        if flags & 1 != 0 {
            previousCabinet = try Self.string(reader, &cursor, "previous cabinet name", allowEmpty: false)
            _ = try Self.string(reader, &cursor, "previous disk name", allowEmpty: true)
        }
        if flags & 2 != 0 {
            nextCabinet = try Self.string(reader, &cursor, "next cabinet name", allowEmpty: false)
            _ = try Self.string(reader, &cursor, "next disk name", allowEmpty: true)
        }

        let folderSize = 8 + folderReserve
        try reader.require(offset: cursor, length: folderCount * folderSize, "\(folderCount) folder entries")
        var folders: [Folder] = []
        folders.reserveCapacity(folderCount)
        for index in 0..<folderCount {
            let at = cursor + index * folderSize
            folders.append(
                Folder(
                    dataOffset: Int(try reader.u32(at: at)), declaredBlocks: Int(try reader.u16(at: at + 4)),
                    compressionType: try reader.u16(at: at + 6), compressedBytes: 0, isComplete: false))
        }
        cursor += folderCount * folderSize
        if filesOffset != cursor {
            warnings.append(
                "the header puts the file list at \(hex(filesOffset)) but it follows the folders at \(hex(cursor)); "
                    + "it was read from \(hex(cursor)), as libmspack reads it")
        }
        // cFiles is 16 bits, but each entry needs 18 bytes: refuse a count the cabinet cannot
        // hold before building the list.
        let needed = fileCount * Self.minimumFileEntrySize
        guard needed <= length - cursor else {
            throw .invalid(
                "the cabinet header declares \(fileCount) files, which need at least \(needed) bytes from "
                    + "\(hex(cursor)), but the cabinet ends at \(hex(length))")
        }
        var files: [Entry] = []
        files.reserveCapacity(fileCount)
        for number in 1...fileCount {
            let size = try reader.u32(at: cursor, "file entry \(number)")
            let offset = try reader.u32(at: cursor + 4, "file entry \(number)")
            let folder = try reader.u16(at: cursor + 8, "file entry \(number)")
            let attributes = try reader.u16(at: cursor + 14, "file entry \(number)")
            guard Int(folder) < folderCount || folder >= 0xFFFD else {
                throw .invalid(
                    "file entry \(number) names folder \(folder) but the cabinet has \(folderCount) folders")
            }
            var nameCursor = cursor + 16
            let name = try Self.bytes(reader, &nameCursor, "name of file entry \(number)", allowEmpty: false)
            files.append(
                Entry(nameBytes: name, size: size, folderOffset: offset, folderIndex: folder, attributes: attributes))
            cursor = nameCursor
        }
        try Self.walkBlocks(&folders, reader, blockReserve: blockReserve, warnings: &warnings)
        self.folders = folders
        self.files = files
        self.warnings = warnings
    }

    /// Sums each folder's data blocks. Honest folders do not share blocks, so all of them
    /// together hold at most one block per 8 bytes of cabinet: walking more means folders
    /// overlap, which is refused (it would also make the walk quadratic).
    private static func walkBlocks(
        _ folders: inout [Folder], _ reader: ByteReader, blockReserve: Int, warnings: inout [String]
    ) throws(BinaryFormatError) {
        let budget = reader.count / 8
        var walked = 0
        for index in folders.indices {
            var cursor = folders[index].dataOffset
            var total = 0
            var complete = true
            for _ in 0..<folders[index].declaredBlocks {
                guard reader.contains(offset: cursor, length: 8 + blockReserve) else {
                    complete = false
                    break
                }
                let dataBytes = Int((try? reader.u16(at: cursor + 4)) ?? 0)
                let blockBytes = 8 + blockReserve + dataBytes
                guard reader.contains(offset: cursor, length: blockBytes) else {
                    complete = false
                    break
                }
                walked += 1
                guard walked <= budget else {
                    throw .invalid(
                        "the folders' data blocks overlap: more than \(budget) blocks in a \(reader.count)-byte cabinet"
                    )
                }
                total += blockBytes
                cursor += blockBytes
            }
            folders[index].compressedBytes = total
            folders[index].isComplete = complete
            if !complete {
                warnings.append(
                    "folder \(index) declares \(folders[index].declaredBlocks) data blocks from "
                        + "\(hex(folders[index].dataOffset)) but the cabinet ends first")
            }
        }
    }

    private static func string(
        _ reader: ByteReader, _ cursor: inout Int, _ what: String, allowEmpty: Bool
    ) throws(BinaryFormatError) -> String {
        let raw = try bytes(reader, &cursor, what, allowEmpty: allowEmpty)
        return String(decoding: raw, as: UTF8.self)
    }

    /// A NUL-terminated string of at most 255 bytes, as libmspack reads it (its 256-byte
    /// buffer must hold the NUL).
    private static func bytes(
        _ reader: ByteReader, _ cursor: inout Int, _ what: String, allowEmpty: Bool
    ) throws(BinaryFormatError) -> [UInt8] {
        try reader.require(offset: cursor, length: 1, what)
        let limit = min(reader.count, cursor + 256)
        var end = cursor
        while end < limit, reader.bytes[end] != 0 { end += 1 }
        guard end < limit else { throw .unterminatedString(what: what, offset: cursor) }
        guard allowEmpty || end > cursor else { throw .invalid("the \(what) at \(hex(cursor)) is empty") }
        let value = Array(reader.bytes[cursor..<end])
        cursor = end + 1
        return value
    }
}
