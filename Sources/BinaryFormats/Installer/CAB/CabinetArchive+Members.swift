extension CabinetArchive {
    /// What `forEachFile(limit:keep:_:)` does with a member once its first bytes are known.
    package enum Keep: Sendable {
        /// Decompressed through and dropped (the folder goes on to the next member).
        case discard
        case memory
        /// Into an unlinked temporary file, mapped (`TemporaryFile`): for large members.
        case temporaryFile
    }

    /// A member's bytes as `forEachFile(limit:keep:_:)` kept them.
    package enum Contents {
        case memory([UInt8])
        case file(MappedFile)
        /// Dropped: only the first bytes (`FormatSniffer.prefixLength`) are left.
        case discarded(prefix: [UInt8])
    }

    /// Every member, folder by folder in offset order, decompressing each folder once:
    /// libmspack keeps a folder's state from one member to the next when they come in offset
    /// order. `keep` sees each member's first `FormatSniffer.prefixLength` bytes and decides
    /// what happens to the rest, so members no one wants never sit in memory. A kept member
    /// may not pass `limit` or `ReadLimits.maxArchiveEntryBytes`. A member that cannot be read
    /// gets its error and the next one goes on (with a fresh decompressor).
    package func forEachFile(
        limit: Int, keep: @escaping (File, [UInt8]) -> Keep,
        _ body: (File, Result<Contents, BinaryFormatError>) -> Void
    ) {
        let order = files.sorted { ($0.folder, $0.offset, $0.index) < ($1.folder, $1.offset, $1.index) }
        let allowed = min(limit, ReadLimits.maxArchiveEntryBytes)
        var decompressor: CabinetDecompressor?
        for file in order {
            body(
                file,
                Result { () throws(BinaryFormatError) in
                    try check(file, end: file.size)
                    let current: CabinetDecompressor
                    if let decompressor {
                        current = decompressor
                    } else {
                        current = try CabinetDecompressor(cabinet: cabinet)
                    }
                    decompressor = current
                    let sink = MemberSink(file: file, allowed: allowed, keep: keep)
                    let finished = try current.stream(
                        index: file.index, size: file.size, offset: file.offset, sink: sink.take)
                    return try sink.contents(finished: finished)
                })
        }
    }
}

/// Collects one member's bytes as libmspack writes them: the first bytes until `keep` can
/// decide, then into memory, a temporary file, or nowhere.
private final class MemberSink {
    let file: CabinetArchive.File
    let allowed: Int
    let keep: (CabinetArchive.File, [UInt8]) -> CabinetArchive.Keep
    private var decision: CabinetArchive.Keep?
    private var head: [UInt8] = []
    private var memory: [UInt8] = []
    private var temporary: TemporaryFile?
    private var written = 0
    private var failure: BinaryFormatError?

    init(file: CabinetArchive.File, allowed: Int, keep: @escaping (CabinetArchive.File, [UInt8]) -> CabinetArchive.Keep)
    {
        self.file = file
        self.allowed = allowed
        self.keep = keep
    }

    /// libmspack's write: false stops the extraction.
    func take(_ chunk: UnsafeRawBufferPointer) -> Bool {
        written += chunk.count
        guard written <= file.size else {
            failure = .invalid("cabinet member '\(file.name)' decompressed to more than its \(file.size) bytes")
            return false
        }
        do throws(BinaryFormatError) {
            if decision == nil {
                memory.append(contentsOf: chunk)
                if memory.count >= min(FormatSniffer.prefixLength, file.size) { try decide() }
                return true
            }
            switch decision {
            case .memory?: memory.append(contentsOf: chunk)
            case .temporaryFile?: try temporary?.write(chunk)
            default: break
            }
            return true
        } catch {
            failure = error
            return false
        }
    }

    private func decide() throws(BinaryFormatError) {
        head = Array(memory.prefix(FormatSniffer.prefixLength))
        let choice = keep(file, head)
        decision = choice
        guard choice != .discard else {
            memory = []
            return
        }
        guard file.size <= allowed else {
            throw .invalid("cabinet member '\(file.name)' is \(file.size) bytes, more than the limit of \(allowed)")
        }
        if choice == .temporaryFile {
            let temporary = try TemporaryFile()
            try memory.withUnsafeBytes { buffer in
                Result { () throws(BinaryFormatError) in try temporary.write(buffer) }
            }
            .get()
            self.temporary = temporary
            memory = []
        } else {
            memory.reserveCapacity(file.size)
        }
    }

    func contents(finished: Bool) throws(BinaryFormatError) -> CabinetArchive.Contents {
        if let failure { throw failure }
        guard finished, written == file.size else {
            throw .invalid("cabinet member '\(file.name)' decompressed to \(written) of \(file.size) bytes")
        }
        if decision == nil { try decide() }
        switch decision {
        case .memory?: return .memory(memory)
        case .temporaryFile?:
            guard let temporary else { throw .invalid("cabinet member '\(file.name)' has no temporary file") }
            return .file(try temporary.mapped())
        default: return .discarded(prefix: head)
        }
    }
}
