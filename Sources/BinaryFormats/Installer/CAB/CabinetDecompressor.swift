internal import CMSPack

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libmspack's cabinet decompressor over one cabinet held in memory: the only place armready
/// calls libmspack.
///
/// I/O goes through an `mspack_system` whose "file names" are opaque pointers to
/// `MemoryStream` objects, as libmspack's `examples/cabd_memory.c` does: the cabinet is an
/// input stream, each extracted file an output stream with a byte cap whose `write` fails
/// once the cap is reached, so a lying header can never make libmspack produce more than the
/// caller asked for. Every value owns its own `mspack_system` and decompressor (libmspack is
/// re-entrant with one decompressor per thread), and none is shared, so any number may run
/// at once. Salvage mode (`MSCABD_PARAM_SALVAGE`) is never set: its loop fixes post-date the
/// libmspack 0.11 that Debian ships.
///
/// libmspack keeps a folder's decompression state between two `extract` calls when the
/// second file lies later in the same folder, so extracting a folder's files in offset order
/// with one value decompresses the folder once.
final class CabinetDecompressor {
    private let input: MemoryStream
    private let system: UnsafeMutablePointer<mspack_system>
    private var decompressor: UnsafeMutablePointer<mscab_decompressor>?
    private var cabinet: UnsafeMutablePointer<mscabd_cabinet>?
    /// libmspack's file records in cabinet order, so a file is found by its index.
    private var records: [UnsafeMutablePointer<mscabd_file>] = []

    /// The result of one extraction: the bytes written and whether the cap stopped it.
    struct Output {
        var bytes: [UInt8]
        var capReached: Bool
    }

    /// Opens `cabinet` (a whole cabinet at offset 0, already checked by `CabinetHeader`).
    init(cabinet bytes: CabinetBytes) throws(BinaryFormatError) {
        let selftest = armready_mspack_selftest()
        guard selftest == MSPACK_ERR_OK else {
            throw .invalid("libmspack's self-test failed (error \(selftest)): its off_t differs from armready's")
        }
        input = MemoryStream(input: bytes)
        system = .allocate(capacity: 1)
        system.initialize(to: Self.makeSystem())
        armready_mspack_set_quiet(system)
        do throws(BinaryFormatError) {
            try open()
        } catch {
            teardown()
            system.deinitialize(count: 1)
            system.deallocate()
            throw error
        }
    }

    deinit {
        teardown()
        system.deinitialize(count: 1)
        system.deallocate()
    }

    /// The number of files libmspack read from the cabinet.
    var fileCount: Int { records.count }

    /// Decompresses file `index` of the cabinet, writing at most `cap` bytes.
    ///
    /// `size` and `offset` are what armready's own header reader found, checked against
    /// libmspack's record so both readers agree on which bytes are meant. When the cap stops
    /// the extraction early the output holds the first `cap` bytes and `capReached` is set;
    /// the decompressor is then reset, since libmspack's folder state is left mid-file.
    func extract(index: Int, size: Int, offset: Int, cap: Int) throws(BinaryFormatError) -> Output {
        let output = MemoryStream(outputCap: max(0, cap), expected: size)
        let status = try run(index: index, size: size, offset: offset, output: output)
        if status == MSPACK_ERR_OK {
            return Output(bytes: output.output, capReached: false)
        }
        // Whatever went wrong, libmspack's folder state may be mid-stream: start afresh.
        try reopen()
        if output.capReached {
            return Output(bytes: output.output, capReached: true)
        }
        throw .invalid("libmspack could not extract file \(index + 1): \(Self.describe(status))")
    }

    /// Decompresses file `index` of the cabinet through `sink`, a chunk at a time; a sink that
    /// returns false stops the extraction (and resets the decompressor, as a failure does).
    /// - Returns: whether libmspack reached the file's end.
    func stream(
        index: Int, size: Int, offset: Int, sink: @escaping (UnsafeRawBufferPointer) -> Bool
    ) throws(BinaryFormatError) -> Bool {
        let status = try run(index: index, size: size, offset: offset, output: MemoryStream(sink: sink))
        if status == MSPACK_ERR_OK { return true }
        try reopen()
        guard status == MSPACK_ERR_WRITE else {
            throw .invalid("libmspack could not extract file \(index + 1): \(Self.describe(status))")
        }
        return false
    }

    private func run(index: Int, size: Int, offset: Int, output: MemoryStream) throws(BinaryFormatError) -> Int32 {
        guard index >= 0, index < records.count else {
            throw .invalid("libmspack read \(records.count) files from the cabinet, not file \(index + 1)")
        }
        let record = records[index]
        guard Int(record.pointee.length) == size, Int(record.pointee.offset) == offset else {
            throw .invalid(
                "libmspack reads file \(index + 1) as \(record.pointee.length) bytes at folder offset "
                    + "\(hex(record.pointee.offset)), armready as \(size) bytes at \(hex(offset))")
        }
        guard let decompressor, let extract = decompressor.pointee.extract else {
            throw .invalid("libmspack's cabinet decompressor is not open")
        }
        return withExtendedLifetime(output) {
            extract(decompressor, record, Self.name(of: output))
        }
    }

    // MARK: Opening and closing

    private func open() throws(BinaryFormatError) {
        guard let created = mspack_create_cab_decompressor(system) else {
            throw .invalid("libmspack could not create a cabinet decompressor (out of memory)")
        }
        decompressor = created
        guard let openCabinet = created.pointee.open, let lastError = created.pointee.last_error else {
            throw .invalid("libmspack's cabinet decompressor lacks open or last_error")
        }
        guard let opened = openCabinet(created, Self.name(of: input)) else {
            throw .invalid("libmspack could not open the cabinet: \(Self.describe(lastError(created)))")
        }
        cabinet = opened
        var records: [UnsafeMutablePointer<mscabd_file>] = []
        var next = opened.pointee.files
        // libmspack reads at most cFiles (16 bits) records; the bound only guards a cycle.
        while let file = next, records.count <= 0xFFFF {
            records.append(file)
            next = file.pointee.next
        }
        self.records = records
    }

    private func reopen() throws(BinaryFormatError) {
        teardown()
        try open()
    }

    private func teardown() {
        records = []
        if let decompressor {
            if let cabinet, let close = decompressor.pointee.close { close(decompressor, cabinet) }
            mspack_destroy_cab_decompressor(decompressor)
        }
        cabinet = nil
        decompressor = nil
    }

    private static func name(of stream: MemoryStream) -> UnsafePointer<CChar> {
        UnsafePointer(Unmanaged.passUnretained(stream).toOpaque().assumingMemoryBound(to: CChar.self))
    }

    private static func describe(_ status: Int32) -> String {
        switch status {
        case MSPACK_ERR_ARGS: return "bad arguments (error 1)"
        case MSPACK_ERR_OPEN: return "cannot open (error 2)"
        case MSPACK_ERR_READ: return "the data ends early (read error 3)"
        case MSPACK_ERR_WRITE: return "write error (4)"
        case MSPACK_ERR_SEEK: return "an offset lies outside the cabinet (seek error 5)"
        case MSPACK_ERR_NOMEMORY: return "out of memory (error 6)"
        case MSPACK_ERR_SIGNATURE: return "no MSCF signature (error 7)"
        case MSPACK_ERR_DATAFORMAT: return "the cabinet's structure is invalid (error 8)"
        case MSPACK_ERR_CHECKSUM: return "a data block's checksum is wrong (error 9)"
        case MSPACK_ERR_CRUNCH: return "compression error (10)"
        case MSPACK_ERR_DECRUNCH: return "the compressed data is corrupt or the folder is incomplete (error 11)"
        default: return "error \(status)"
        }
    }

    // MARK: The in-memory mspack_system

    private static func makeSystem() -> mspack_system {
        var system = mspack_system()
        system.open = { _, name, mode in
            guard let name else { return nil }
            let stream = Unmanaged<MemoryStream>.fromOpaque(UnsafeRawPointer(name)).takeUnretainedValue()
            let wantsWrite = mode == MSPACK_SYS_OPEN_WRITE
            guard wantsWrite == stream.isOutput, mode == MSPACK_SYS_OPEN_READ || wantsWrite else { return nil }
            let opaque = Unmanaged.passRetained(Handle(stream)).toOpaque()
            return opaque.assumingMemoryBound(to: mspack_file.self)
        }
        system.close = { file in
            guard let file else { return }
            Unmanaged<Handle>.fromOpaque(UnsafeRawPointer(file)).release()
        }
        system.read = { file, buffer, count in
            guard let handle = memoryHandle(file), let buffer, count >= 0 else { return -1 }
            let stream = handle.stream
            let available = max(0, stream.input.count - handle.position)
            let length = min(Int(count), available)
            if length > 0 {
                stream.input.withBytes { bytes in
                    if let base = bytes.baseAddress { memcpy(buffer, base + handle.position, length) }
                }
            }
            handle.position += length
            return Int32(length)
        }
        system.write = { file, buffer, count in
            guard let handle = memoryHandle(file), let buffer, count >= 0 else { return -1 }
            return handle.stream.append(UnsafeRawBufferPointer(start: buffer, count: Int(count)))
        }
        system.seek = { file, offset, mode in
            guard let handle = memoryHandle(file) else { return -1 }
            let length = handle.stream.isOutput ? handle.stream.output.count : handle.stream.input.count
            let base: Int
            switch mode {
            case MSPACK_SYS_SEEK_START: base = 0
            case MSPACK_SYS_SEEK_CUR: base = handle.position
            case MSPACK_SYS_SEEK_END: base = length
            default: return -1
            }
            let (target, overflow) = base.addingReportingOverflow(Int(offset))
            guard !overflow, target >= 0, target <= length else { return -1 }
            handle.position = target
            return 0
        }
        system.tell = { file in
            guard let handle = memoryHandle(file) else { return -1 }
            return off_t(handle.position)
        }
        system.alloc = { _, count in malloc(count) }
        system.free = { pointer in Glibc.free(pointer) }
        system.copy = { source, destination, count in
            guard let source, let destination else { return }
            memcpy(destination, source, count)
        }
        system.null_ptr = nil
        return system
    }
}

/// A handle libmspack holds between `open` and `close`: the stream and a position of its own
/// (libmspack opens the cabinet more than once).
private final class Handle {
    let stream: MemoryStream
    var position = 0
    init(_ stream: MemoryStream) { self.stream = stream }
}

/// The handle behind an `mspack_file` pointer (file scope: a C callback cannot capture a type).
private func memoryHandle(_ file: UnsafeMutablePointer<mspack_file>?) -> Handle? {
    file.map { Unmanaged<Handle>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
}

/// What an opaque "file name" handed to libmspack points to: the cabinet's bytes, an output
/// buffer that refuses to grow past its cap, or an output that hands each chunk on.
private final class MemoryStream {
    let input: CabinetBytes
    let isOutput: Bool
    private(set) var output: [UInt8] = []
    private let cap: Int
    private(set) var capReached = false
    private let sink: ((UnsafeRawBufferPointer) -> Bool)?

    init(input: CabinetBytes) {
        self.input = input
        isOutput = false
        cap = 0
        sink = nil
    }

    init(outputCap: Int, expected: Int) {
        input = CabinetBytes([])
        isOutput = true
        cap = outputCap
        sink = nil
        output.reserveCapacity(min(outputCap, max(0, expected)))
    }

    init(sink: @escaping (UnsafeRawBufferPointer) -> Bool) {
        input = CabinetBytes([])
        isOutput = true
        cap = 0
        self.sink = sink
    }

    /// Appends up to the cap; a write that would pass it stores what fits and fails, which
    /// makes libmspack stop with MSPACK_ERR_WRITE. A sink takes every chunk; its false fails
    /// the write likewise.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        if let sink { return sink(bytes) ? Int32(bytes.count) : -1 }
        let room = cap - output.count
        guard bytes.count <= room else {
            output.append(contentsOf: bytes.prefix(max(0, room)))
            capReached = true
            return -1
        }
        output.append(contentsOf: bytes)
        return Int32(bytes.count)
    }
}
