/// The front door of the readers: sniff a file, hand it to the PE or ELF reader, and turn
/// every failure into a per-file reason.
package enum BinaryReader {
    /// Reads the file at `path`.
    ///
    /// - Returns: `.image` for a binary that was read, `.notBinary` for anything without PE or
    ///   ELF magic, `.failed` with the sniffed format and a sentence for a file that could not be
    ///   read. Never throws: a hostile file is a result, not an error.
    package static func read(path: String) -> ReadResult {
        withFile(path: path) { result, _ in result }
    }

    /// Reads the file at `path` and hands the result and the mapped bytes to `body`, for
    /// analyses (such as the instruction-set profile) that need the bytes after the headers.
    /// The bytes are valid only inside `body`; a file that could not be mapped gets empty bytes.
    ///
    /// A file that changes while it is read (`MappedFile.changedSinceOpened`) is read again,
    /// and `body` runs again; after a second change `body` gets `.changedWhileRead`.
    package static func withFile<T>(path: String, _ body: (ReadResult, UnsafeRawBufferPointer) -> T) -> T {
        withMappedFile(path: path) { result, bytes, _ in body(result, bytes) }
    }

    /// `withFile`, with a third argument for `body`: drops pages of the mapping from resident
    /// memory (`MappedFile.releasePages`; for an analysis that is done with a range of bytes).
    package static func withMappedFile<T>(
        path: String, _ body: (ReadResult, UnsafeRawBufferPointer, _ release: @escaping (Range<Int>) -> Void) -> T
    ) -> T {
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        for _ in 0..<2 {
            let file: MappedFile
            do {
                file = try MappedFile(path: path)
            } catch {
                return body(.failed(format: nil, reason: error), none, { _ in })
            }
            let value = withExtendedLifetime(file) { body(read(bytes: file.bytes), file.bytes, file.releasePages) }
            if !file.changedSinceOpened { return value }
        }
        return body(.failed(format: nil, reason: .changedWhileRead), none, { _ in })
    }

    /// Reads a binary that is already in memory. The bytes must outlive the call only.
    package static func read(bytes: UnsafeRawBufferPointer, options: ReadOptions = .full) -> ReadResult {
        let format = FormatSniffer.sniff(bytes)
        do {
            switch format {
            case .elf: return .image(try ELFReader.read(bytes, options: options))
            case .pe: return .image(try PEReader.read(bytes, options: options))
            case .dos, .notBinary: return .notBinary
            }
        } catch {
            return .failed(format: format, reason: error)
        }
    }
}

/// The outcome of reading one file.
package enum ReadResult: Sendable, Equatable {
    case image(BinaryImage)
    case notBinary
    /// `format` is what the magic bytes said, nil when the file could not even be opened.
    case failed(format: BinaryFormat?, reason: BinaryFormatError)
}
