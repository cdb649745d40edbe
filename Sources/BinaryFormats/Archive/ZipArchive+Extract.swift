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
        let file = try TemporaryFile(directory: directory)
        let crc: UInt32
        switch entry.method {
        case 0:
            try file.write(data)
            crc = Inflater.crc32(data)
        default:
            crc = try Inflater.inflate(data, expected: entry.uncompressedSize, work: work) {
                chunk throws(BinaryFormatError) in
                try file.write(chunk)
            }
        }
        guard crc == entry.crc32 else {
            throw .invalid("\(entry.name): CRC-32 \(hex(crc)) does not match the directory's \(hex(entry.crc32))")
        }
        return try file.mapped()
    }
}
