import CLibArchive
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A 7z archive — a `.7z` file, or the payload of a 7-Zip self-extractor — read from memory by
/// libarchive's 7-Zip reader (LZMA, LZMA2, PPMd, Deflate, BZip2, the BCJ and BCJ2 filters),
/// with no other archive format or outer filter enabled.
///
/// libarchive decodes a solid block once, front to back, so the archive is read as a stream:
/// `next()` moves to the next file (passing over the rest of the current one, which in a solid
/// block is still decoded) and `read(upTo:)`/`readRest(_:)` take the current file's bytes.
/// Encrypted archives and entries, and coders libarchive lacks (7-Zip 23's ARM64 filter in
/// libarchive before 3.7), come back as errors carrying libarchive's sentence.
///
/// The bytes must stay valid while the value lives; the value is used from one thread.
package final class SevenZipArchive {
    package struct Entry: Sendable, Equatable {
        /// As stored, with `/` between folders.
        package let name: String
        /// As the archive's header states it; libarchive delivers no more.
        package let size: UInt64
        /// The entry's position in the archive, directories included, from 0.
        package let index: Int
    }

    package static let signature: [UInt8] = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]
    static let chunkBytes = 1 << 16

    private let handle: OpaquePointer
    private var entriesSeen = 0
    /// A read of the current entry's data failed; libarchive may not get past it in this
    /// pass (a fresh `SevenZipArchive` can skip the entry without decoding it).
    package private(set) var dataFailed = false

    /// Opens the archive at the start of `bytes` (libarchive reads its header on the first `next()`).
    package init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        guard bytes.starts(with: Self.signature), let base = bytes.baseAddress else {
            throw .invalid("not a 7z archive (no 7z signature)")
        }
        guard let handle = archive_read_new() else {
            throw .io(call: "archive_read_new", message: "out of memory")
        }
        archive_read_support_format_7zip(handle)
        guard archive_read_open_memory(handle, base, bytes.count) == ARCHIVE_OK else {
            let message = Self.errorText(handle)
            archive_read_free(handle)
            throw .invalid("libarchive cannot open the 7z archive: \(message)")
        }
        self.handle = handle
    }

    deinit { archive_read_free(handle) }

    /// The next file with data (directories, links and empty files are passed over); nil at
    /// the end of the archive.
    /// - Throws: when the archive cannot be read further (its header is damaged or encrypted,
    ///   or it has more than `ReadLimits.maxArchiveEntries` entries).
    package func next() throws(BinaryFormatError) -> Entry? {
        while true {
            var entry: OpaquePointer?
            let status = archive_read_next_header(handle, &entry)
            if status == ARCHIVE_EOF { return nil }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                throw .invalid("7z entry \(entriesSeen + 1) cannot be read: \(Self.errorText(handle))")
            }
            let index = entriesSeen
            entriesSeen += 1
            guard entriesSeen <= ReadLimits.maxArchiveEntries else {
                throw .countTooLarge(
                    what: "7z entries", count: entriesSeen, limit: ReadLimits.maxArchiveEntries)
            }
            guard armready_archive_entry_is_regular(entry) != 0, archive_entry_size_is_set(entry) != 0 else { continue }
            let size = archive_entry_size(entry)
            guard size > 0 else { continue }
            return Entry(name: Self.name(of: entry, index: index), size: UInt64(size), index: index)
        }
    }

    /// Up to `count` more bytes of the current entry: fewer only at its end.
    package func read(upTo count: Int) throws(BinaryFormatError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var filled = 0
        while filled < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { archive_read_data(handle, $0 + filled, buffer.count - filled) } ?? 0
            }
            guard got >= 0 else { throw dataError() }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// The rest of the current entry, handed over a chunk at a time; the count of bytes handed.
    @discardableResult
    package func readRest(_ body: (UnsafeRawBufferPointer) throws(BinaryFormatError) -> Void)
        throws(BinaryFormatError) -> Int
    {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkBytes, alignment: 1)
        defer { chunk.deallocate() }
        var total = 0
        while true {
            let got = chunk.baseAddress.map { archive_read_data(handle, $0, chunk.count) } ?? 0
            guard got >= 0 else { throw dataError() }
            if got == 0 { return total }
            total += got
            try body(UnsafeRawBufferPointer(rebasing: chunk[..<got]))
        }
    }

    private func dataError() -> BinaryFormatError {
        dataFailed = true
        let text = Self.errorText(handle)
        // libarchive names the coder it lacks by its 7z method id; 0xA is the ARM64 branch
        // filter 7-Zip 22 and later apply to Arm64 executables, read by libarchive 3.7 and later.
        let hint =
            !Self.readsARM64Filter && (text.hasSuffix("codec ID: a") || text.hasPrefix("Unsupported filter a "))
            ? " (7-Zip's ARM64 filter, which libarchive reads from version 3.7; this is \(Self.libraryVersion))" : ""
        return .invalid("7z entry \(entriesSeen) cannot be decoded: \(text)\(hint)")
    }

    /// `libarchive 3.6.2`.
    package static var libraryVersion: String { String(cString: archive_version_string()) }

    /// libarchive 3.7 added the ARM64 filter.
    package static var readsARM64Filter: Bool { archive_version_number() >= 3_007_000 }

    private static func name(of entry: OpaquePointer, index: Int) -> String {
        guard let raw = archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry) else {
            return "entry-\(index)"
        }
        let name = String(
            decoding: UnsafeRawBufferPointer(start: raw, count: strnlen(raw, ReadLimits.maxStringLength)), as: UTF8.self
        )
        return name.isEmpty ? "entry-\(index)" : name
    }

    private static func errorText(_ handle: OpaquePointer) -> String {
        archive_error_string(handle).map { String(cString: $0) } ?? "unknown error \(archive_errno(handle))"
    }
}
