#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ZipArchive {
    /// Entries above this size are inflated into an unlinked temporary file and mapped, so a
    /// large DLL inside a package does not have to fit in memory.
    package static let inMemoryLimit: UInt64 = 32 << 20

    /// The entry's bytes as a mapped temporary file (already unlinked, so nothing is left
    /// behind), checked against the entry's size and CRC-32 like `contents(of:)`.
    /// - Parameter directory: where the file is made; `$TMPDIR`, else `/tmp`, by default.
    package func extractToTemporaryFile(_ entry: Entry, directory: String? = nil) throws(BinaryFormatError)
        -> MappedFile
    {
        try checkClaims(entry)
        let data = try compressedData(of: entry)
        let directory = directory ?? getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/armready-entry-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw .io(call: "mkstemp", message: String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        do throws(BinaryFormatError) {
            let crc: UInt32
            switch entry.method {
            case 0:
                try Self.write(data, to: fd)
                crc = Inflater.crc32(data)
            default:
                crc = try Inflater.inflate(data, expected: entry.uncompressedSize, work: work) {
                    chunk throws(BinaryFormatError) in
                    try Self.write(chunk, to: fd)
                }
            }
            guard crc == entry.crc32 else {
                throw .invalid("\(entry.name): CRC-32 \(hex(crc)) does not match the directory's \(hex(entry.crc32))")
            }
            return try MappedFile(adopting: fd)
        } catch {
            close(fd)
            throw error
        }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws(BinaryFormatError) {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Glibc.write(fd, base + offset, bytes.count - offset)
            guard written > 0 else { throw .io(call: "write", message: String(cString: strerror(errno))) }
            offset += written
        }
    }
}
