/// A 7z archive — a `.7z` file, or the payload of a 7-Zip self-extractor — read from memory.
///
/// The header is armready's own bounded parser (`SevenZipHeaderParser`, from 7-Zip's
/// 7zFormat.txt); folders are decoded by liblzma (`SevenZipFolderStream`): LZMA, LZMA2, Copy,
/// Delta and the branch filters, ARM64 included. BCJ2, PPMd, Deflate, BZip2 and encryption are
/// named in the error of the files they hold. Files are read in archive order, as a stream:
/// `next()` moves to the next file with data (decoding through the rest of the current one
/// only when the next shares its folder), `read(upTo:)`/`readRest(_:)` take its bytes. A folder
/// that fails to decode fails its own files only; the next folder starts afresh.
///
/// The bytes must stay valid while the value lives; the value is used from one thread.
package final class SevenZipArchive {
    package struct Entry: Sendable, Equatable {
        /// As stored, with `/` between folders.
        package let name: String
        /// As the archive's header states it; reads never deliver more.
        package let size: UInt64
        /// The entry's position in the archive, directories included, from 0.
        package let index: Int
    }

    package static let signature: [UInt8] = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]
    static let signatureHeaderSize = 32
    static let chunkBytes = 1 << 16
    /// A header packed into its own folder (kEncodedHeader) may unpack to at most this.
    static let maxHeaderBytes: UInt64 = 64 << 20

    private struct Slot {
        let file: Int
        let folder: Int
        let size: UInt64
    }

    private let bytes: UnsafeRawBufferPointer
    private let header: SevenZipHeader
    /// Where each packed stream starts in `bytes`, nil when it does not fit in the file.
    private let packOffsets: [Int?]
    private let slots: [Slot]
    private var position = -1
    private var left: UInt64 = 0
    private var folder: Int?
    private var stream: SevenZipSource?
    private var folderError: BinaryFormatError?

    /// The files of the archive, directories included, as its header lists them.
    package var fileCount: Int { header.files.count }
    /// How many folders (blocks) the archive's data is packed in.
    package var folderCount: Int { header.streams.folders.count }

    /// Reads the signature header and the header (unpacking it first when it is packed).
    /// - Throws: when `bytes` is no 7z archive, its header is damaged, encrypted or over a limit.
    package init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        guard bytes.starts(with: Self.signature) else { throw .invalid("not a 7z archive (no 7z signature)") }
        guard bytes.count >= Self.signatureHeaderSize else {
            throw .truncated(
                what: "7z signature header", offset: 0, length: Self.signatureHeaderSize, fileSize: bytes.count)
        }
        self.bytes = bytes
        var start = SevenZipHeaderParser(UnsafeRawBufferPointer(rebasing: bytes[8..<32]))
        let startCRC = try start.u32()
        let nextOffset = try start.u64()
        let nextSize = try start.u64()
        let nextCRC = try start.u32()
        guard bytes[6] == 0 else {
            throw .invalid("the 7z archive is format version \(bytes[6]).\(bytes[7]); 0.x is read")
        }
        guard Inflater.crc32(UnsafeRawBufferPointer(rebasing: bytes[12..<32])) == startCRC else {
            throw .invalid("the 7z signature header's CRC does not match (the archive is damaged)")
        }
        let room = UInt64(bytes.count - Self.signatureHeaderSize)
        guard nextOffset <= room, nextSize <= room - nextOffset else {
            throw .pointsPastEnd(field: "7z next header", value: nextOffset &+ nextSize &+ 32, fileSize: bytes.count)
        }
        let at = Self.signatureHeaderSize + Int(nextOffset)
        let raw = UnsafeRawBufferPointer(rebasing: bytes[at..<at + Int(nextSize)])
        guard Inflater.crc32(raw) == nextCRC else {
            throw .invalid("the 7z header's CRC does not match (the archive is damaged or cut short)")
        }
        header = nextSize == 0 ? SevenZipHeader() : try Self.header(raw, archive: bytes)
        packOffsets = Self.packOffsets(header.streams, archiveSize: bytes.count)
        slots = try Self.slots(header)
    }

    /// The header at `raw`, unpacking kEncodedHeader folders (7-Zip nests at most one; four are allowed).
    private static func header(_ raw: UnsafeRawBufferPointer, archive: UnsafeRawBufferPointer) throws(BinaryFormatError)
        -> SevenZipHeader
    {
        var owned: [UInt8]?
        for _ in 0..<4 {
            let result: Step
            if let decoded = owned {
                result = try decoded.withUnsafeBytes { buffer in
                    Result { () throws(BinaryFormatError) in try step(buffer, archive: archive) }
                }.get()
            } else {
                result = try step(raw, archive: archive)
            }
            switch result {
            case let .header(header): return header
            case let .packed(bytes): owned = bytes
            }
        }
        throw .invalid("the 7z header is packed more than four times over")
    }

    private enum Step {
        case header(SevenZipHeader)
        case packed([UInt8])
    }

    private static func step(_ raw: UnsafeRawBufferPointer, archive: UnsafeRawBufferPointer) throws(BinaryFormatError)
        -> Step
    {
        var parser = SevenZipHeaderParser(raw)
        switch try parser.property() {
        case .header:
            return .header(try parser.header())
        case .encodedHeader:
            let streams = try parser.streams()
            guard let folder = streams.folders.first, streams.folders.count == 1, !streams.packSizes.isEmpty else {
                throw SevenZipHeaderParser.damaged(
                    "is packed in \(streams.folders.count) folders; 7-Zip packs it in one")
            }
            if folder.coders.contains(where: { $0.method == SevenZipCoders.aes }) {
                throw .invalid("the 7z header is encrypted (7zAES): its file list cannot be read without the password")
            }
            let size = folder.unpackSize
            let ratioCap = streams.packSizes[0].multipliedReportingOverflow(by: UInt64(ReadLimits.maxCompressionRatio))
            guard size <= maxHeaderBytes, ratioCap.overflow || size <= ratioCap.partialValue else {
                throw .invalid(
                    "the 7z header claims to unpack to \(size) bytes, past the limit of \(maxHeaderBytes) or \(ReadLimits.maxCompressionRatio) to one"
                )
            }
            guard let offset = packOffsets(streams, archiveSize: archive.count).first ?? nil else {
                throw .pointsPastEnd(field: "7z packed header", value: streams.packPosition, fileSize: archive.count)
            }
            let packed = UnsafeRawBufferPointer(rebasing: archive[offset..<offset + Int(streams.packSizes[0])])
            guard case let .chain(chain) = try SevenZipCoders.plan(folder), chain.packed == 0 else {
                throw SevenZipHeaderParser.damaged("is packed with coders 7-Zip never uses for it")
            }
            let decoder = try SevenZipFolderStream(steps: chain.steps, packed: packed, size: size)
            // Grown as it decodes: the stated size is a claim, the packed bytes are not.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(min(size, UInt64(chunkBytes))))
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkBytes, alignment: 1)
            defer { chunk.deallocate() }
            while UInt64(bytes.count) < size {
                let got = try decoder.read(into: chunk)
                bytes.append(contentsOf: chunk[..<got])
            }
            return .packed(bytes)
        case let other:
            throw SevenZipHeaderParser.damaged("starts with property \(other), not a header")
        }
    }

    /// Rewrites the start header's and the next header's CRCs to match their bytes (the fuzz
    /// target's way past them); bytes that are no 7z archive, or whose next header lies
    /// outside them, get the start header's CRC only.
    package static func fixCRCs(_ bytes: inout [UInt8]) {
        guard bytes.count >= signatureHeaderSize, bytes.starts(with: signature) else { return }
        func field(_ at: Int, _ width: Int) -> UInt64 {
            (0..<width).reversed().reduce(0) { $0 << 8 | UInt64(bytes[at + $1]) }
        }
        func put(_ at: Int, _ value: UInt32) {
            for index in 0..<4 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
        }
        let (offset, size) = (field(12, 8), field(20, 8))
        let room = UInt64(bytes.count - signatureHeaderSize)
        if offset <= room, size <= room - offset {
            let start = signatureHeaderSize + Int(offset)
            put(
                28,
                bytes.withUnsafeBytes {
                    Inflater.crc32(UnsafeRawBufferPointer(rebasing: $0[start..<start + Int(size)]))
                })
        }
        put(8, bytes.withUnsafeBytes { Inflater.crc32(UnsafeRawBufferPointer(rebasing: $0[12..<32])) })
    }

    /// Offsets of the packed streams, nil for each that does not lie wholly in the archive.
    private static func packOffsets(_ streams: SevenZipHeader.Streams, archiveSize: Int) -> [Int?] {
        var offsets: [Int?] = []
        offsets.reserveCapacity(streams.packSizes.count)
        var next = streams.packPosition.addingReportingOverflow(UInt64(signatureHeaderSize))
        for size in streams.packSizes {
            let end = next.partialValue.addingReportingOverflow(size)
            if next.overflow || end.overflow || end.partialValue > UInt64(archiveSize) {
                offsets.append(nil)
                next.overflow = true
            } else {
                offsets.append(Int(next.partialValue))
                next = (end.partialValue, false)
            }
        }
        return offsets
    }

    /// The files with data, each with its folder and size, in archive order.
    private static func slots(_ header: SevenZipHeader) throws(BinaryFormatError) -> [Slot] {
        var counts = header.streams.folders.map(\.substreams)
        var folder = 0
        var sizes = header.streams.substreamSizes.makeIterator()
        var slots: [Slot] = []
        for (index, file) in header.files.enumerated() where file.hasData {
            while folder < counts.count && counts[folder] == 0 { folder += 1 }
            guard folder < counts.count, let size = sizes.next() else {
                throw SevenZipHeaderParser.damaged("lists more files with data than its folders hold")
            }
            counts[folder] -= 1
            slots.append(Slot(file: index, folder: folder, size: size))
        }
        return slots
    }

    /// The next file with data (directories and empty files are passed over); nil at the end.
    package func next() throws(BinaryFormatError) -> Entry? {
        let current = position
        while position + 1 < slots.count {
            position += 1
            let slot = slots[position]
            if slot.folder == folder, current >= 0 {
                // The unread rest of the previous file lies in front of this one.
                if folderError == nil, left > 0 { drain() }
            } else {
                (folder, stream, folderError) = (slot.folder, nil, nil)
            }
            left = slot.size
            guard slot.size > 0 else { continue }
            let file = header.files[slot.file]
            return Entry(name: file.name, size: slot.size, index: slot.file)
        }
        left = 0
        return nil
    }

    /// Up to `count` more bytes of the current file: fewer only at its end.
    package func read(upTo count: Int) throws(BinaryFormatError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(min(UInt64(max(0, count)), left)))
        var filled = 0
        while filled < bytes.count {
            let got = try bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(BinaryFormatError) in
                    try pull(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                }
            }.get()
            filled += got
        }
        return bytes
    }

    /// The rest of the current file, handed over a chunk at a time; the count of bytes handed.
    @discardableResult
    package func readRest(_ body: (UnsafeRawBufferPointer) throws(BinaryFormatError) -> Void)
        throws(BinaryFormatError) -> Int
    {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkBytes, alignment: 1)
        defer { chunk.deallocate() }
        var total = 0
        while left > 0 {
            let got = try pull(into: chunk)
            total += got
            try body(UnsafeRawBufferPointer(rebasing: chunk[..<got]))
        }
        return total
    }

    /// Decodes into `buffer` from the current file (at most what is left of it); never 0
    /// while some is left.
    private func pull(into buffer: UnsafeMutableRawBufferPointer) throws(BinaryFormatError) -> Int {
        guard left > 0, !buffer.isEmpty else { return 0 }
        if let folderError { throw folderError }
        do {
            let decoder = try openStream()
            let want = Int(min(UInt64(buffer.count), left))
            let got = try decoder.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<want]))
            guard got > 0 else { throw BinaryFormatError.invalid("the 7z folder ended early") }
            left -= UInt64(got)
            return got
        } catch {
            let failed = BinaryFormatError.invalid(
                "7z block \((folder ?? 0) + 1) of \(folderCount) cannot be decoded: \(error)")
            folderError = failed
            throw failed
        }
    }

    private func openStream() throws(BinaryFormatError) -> SevenZipSource {
        if let stream { return stream }
        guard let index = folder else { throw .invalid("no 7z file is current") }
        let folder = header.streams.folders[index]
        let opened: SevenZipSource
        switch try SevenZipCoders.plan(folder) {
        case let .chain(chain):
            opened = try source(chain, of: folder)
        case let .bcj2(main, call, jump, rangeCoded):
            opened = SevenZipBCJ2Stream(
                main: try source(main, of: folder), call: try source(call, of: folder),
                jump: try source(jump, of: folder), rangeCoded: try source(rangeCoded, of: folder),
                size: folder.unpackSize)
        }
        stream = opened
        return opened
    }

    /// The decoder of one chain of `folder`, over its packed stream.
    private func source(_ chain: SevenZipCoders.Chain, of folder: SevenZipHeader.Folder) throws(BinaryFormatError)
        -> SevenZipFolderStream
    {
        let stream = folder.firstPackedStream + chain.packed
        guard stream < packOffsets.count, let offset = packOffsets[stream] else {
            throw .invalid("its packed data lies past the end of the archive (\(bytes.count) bytes)")
        }
        let size = Int(header.streams.packSizes[stream])
        return try SevenZipFolderStream(
            steps: chain.steps, packed: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size]),
            size: chain.outputSize ?? UInt64(size))
    }

    /// Decodes and drops the rest of the current file.
    private func drain() {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkBytes, alignment: 1)
        defer { chunk.deallocate() }
        while left > 0, (try? pull(into: chunk)) != nil {}
    }
}
