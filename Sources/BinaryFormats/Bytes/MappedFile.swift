import CFaultGuard

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only view of a whole file, memory-mapped so that reading a large binary touches only
/// the pages a reader asks for.
///
/// The mapping is private and copy-on-write (`MAP_PRIVATE` with `PROT_READ | PROT_WRITE`):
/// libelf may convert data in place when the file's byte order differs from the host's, and
/// such writes must neither reach the file nor fault.
///
/// Files change while they are scanned (build trees, downloads). A page past the end of a file
/// that shrank after it was mapped would raise SIGBUS; the mapping is registered with the
/// fault guard (`CFaultGuard`), which turns such pages into zeros, so no read of `bytes` can
/// fault. `changedSinceOpened` then says the bytes are not the file's, and callers discard
/// what they read.
package final class MappedFile: @unchecked Sendable {
    /// The file's bytes. Empty for an empty file.
    package let bytes: UnsafeRawBufferPointer
    private let storage: Storage
    private let length: Int
    /// Kept open for `forEachChunk`, which reads with `pread` rather than through the mapping,
    /// and for `changedSinceOpened`.
    private let descriptor: Int32
    private let openedAs: FileVersion

    private enum Storage {
        case empty
        /// A guarded mapping and its fault-guard slot.
        case mapped(UnsafeMutableRawPointer, slot: Int32)
        /// Read into memory: used only when every fault-guard slot is taken.
        case copied(UnsafeMutableRawPointer)

        var address: UnsafeMutableRawPointer? {
            switch self {
            case .empty: nil
            case let .mapped(address, _), let .copied(address): address
            }
        }
    }

    /// Maps the regular file at `path`.
    ///
    /// - Throws: `BinaryFormatError.io` naming the failing call (`open`, `fstat`, `mmap`) and
    ///   `errno`'s text, or `.notRegularFile` for FIFOs, devices and directories, which are never read.
    package convenience init(path: String) throws(BinaryFormatError) {
        try self.init(pathBytes: Array(path.utf8))
    }

    /// Maps the file whose path is `pathBytes` (raw bytes: names need not be UTF-8).
    package convenience init(pathBytes: [UInt8]) throws(BinaryFormatError) {
        let fd = try Self.openRegular(pathBytes)
        try self.init(adopting: fd.descriptor, size: fd.size)
    }

    /// Maps the file at `pathBytes` only if `wanted` accepts its first `prefixLength` bytes
    /// (fewer for a shorter file), read with one `pread`: a scan opens thousands of files that
    /// are not binaries, and mapping and unmapping each costs more than reading four bytes.
    /// - Returns: nil when `wanted` declines; the file is closed again.
    package static func mapping(
        pathBytes: [UInt8], prefixLength: Int, when wanted: (UnsafeRawBufferPointer) -> Bool
    ) throws(BinaryFormatError) -> MappedFile? {
        try mapping(at: AT_FDCWD, name: pathBytes, followLink: true, prefixLength: prefixLength, when: wanted)
    }

    /// Like `mapping(pathBytes:prefixLength:when:)`, for the file `name` inside the open
    /// directory `directory` (`openat(2)`), so the file's full path may be longer than
    /// `PATH_MAX`. `directory` must stay open for the call; the mapping does not need it after.
    /// - Parameter followLink: false opens with `O_NOFOLLOW`, so a file replaced by a symbolic
    ///   link after the walk looked at it is refused rather than followed.
    package static func mapping(
        at directory: Int32, name: [UInt8], followLink: Bool, prefixLength: Int,
        when wanted: (UnsafeRawBufferPointer) -> Bool
    ) throws(BinaryFormatError) -> MappedFile? {
        let fd = try openRegular(name, at: directory, followLink: followLink)
        let accepted: Bool? = withUnsafeTemporaryAllocation(byteCount: max(1, min(prefixLength, fd.size)), alignment: 8)
        { buffer in
            let got = fd.size == 0 ? 0 : pread(fd.descriptor, buffer.baseAddress, buffer.count, 0)
            return got < 0 ? nil : wanted(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
        }
        guard let accepted else {
            let message = errnoText()
            close(fd.descriptor)
            throw .io(call: "pread", message: message)
        }
        guard accepted else {
            close(fd.descriptor)
            return nil
        }
        return try MappedFile(adopting: fd.descriptor, size: fd.size)
    }

    /// Maps the open file `fd` and takes ownership of it (it is closed on failure and in
    /// `deinit`); used for temporary files that were unlinked once written.
    package convenience init(adopting fd: Int32) throws(BinaryFormatError) {
        let size = try Self.regularFileSize(fd)
        try self.init(adopting: fd, size: size)
    }

    /// Opens `pathBytes` (relative to `directory`, `openat(2)`) read-only and checks that it is
    /// a regular file.
    private static func openRegular(_ pathBytes: [UInt8], at directory: Int32 = AT_FDCWD, followLink: Bool = true)
        throws(BinaryFormatError) -> (descriptor: Int32, size: Int)
    {
        // O_NONBLOCK: opening a FIFO that raced in after the walk must not block.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLink ? 0 : O_NOFOLLOW)
        let fd = (pathBytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map { openat(directory, $0, flags) } ?? -1
            }
        }
        guard fd >= 0 else { throw .io(call: "open", message: errnoText()) }
        return (fd, try regularFileSize(fd))
    }

    /// The size of the regular file `fd`; closes `fd` when it is not one or `fstat` fails.
    private static func regularFileSize(_ fd: Int32) throws(BinaryFormatError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = errnoText()
            close(fd)
            throw .io(call: "fstat", message: message)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .notRegularFile
        }
        return Int(info.st_size)
    }

    /// Maps `fd` (a regular file of `size` bytes), taking ownership of it.
    private init(adopting fd: Int32, size: Int) throws(BinaryFormatError) {
        descriptor = fd
        length = size
        openedAs = FileVersion(fd) ?? FileVersion(size: size)
        if size == 0 {
            storage = .empty
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            let message = Self.errnoText()
            close(fd)
            throw .io(call: "mmap", message: message)
        }
        let slot = armready_fault_guard_register(address, size)
        if slot >= 0 {
            storage = .mapped(address, slot: slot)
        } else {
            munmap(address, size)
            guard let copy = Self.readWhole(fd, size: size) else {
                let message = Self.errnoText()
                close(fd)
                throw .io(call: "pread", message: message)
            }
            storage = .copied(copy)
        }
        bytes = UnsafeRawBufferPointer(start: storage.address, count: size)
    }

    /// The whole file in allocated memory, zero-filled past a short read; nil when a read fails.
    private static func readWhole(_ fd: Int32, size: Int) -> UnsafeMutableRawPointer? {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var offset = 0
        while offset < size {
            let got = pread(fd, buffer + offset, size - offset, off_t(offset))
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else {
                buffer.deallocate()
                return nil
            }
            if got == 0 { break }
            offset += got
        }
        if offset < size { (buffer + offset).initializeMemory(as: UInt8.self, repeating: 0, count: size - offset) }
        return buffer
    }

    /// Whether the bytes may not be the file's: the fault guard absorbed a read past the file's
    /// end, or the file's size, modification or change time differs from when it was opened.
    package var changedSinceOpened: Bool {
        if case let .mapped(_, slot) = storage, armready_fault_guard_faults(slot) > 0 { return true }
        return FileVersion(descriptor) != openedAs
    }

    /// Drops the pages covering `range` from the process's resident memory (`madvise` with
    /// `MADV_DONTNEED`), so scanning a large file does not keep all of it resident.
    ///
    /// The mapping is private and armready never writes to it, so a later read of the range
    /// faults the file's bytes back in; nothing is lost. The range is widened to whole pages
    /// and clipped to the mapping.
    package func releasePages(_ range: Range<Int>) {
        guard case let .mapped(mapping, _) = storage, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = max(0, range.lowerBound) / page * page
        let end = min(length, (range.upperBound + page - 1) / page * page)
        guard end > start else { return }
        madvise(mapping + start, end - start, MADV_DONTNEED)
    }

    /// Calls `body` with the file's bytes in order, `chunkSize` at a time, read with `pread`
    /// into one buffer: a single sequential pass (hashing) then neither faults in nor keeps
    /// resident the mapping's pages.
    /// - Returns: false when a read failed (the file shrank or the device erred).
    package func forEachChunk(size chunkSize: Int = 1 << 20, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 4096), alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while offset < length {
            let wanted = min(buffer.count, length - offset)
            let got = pread(descriptor, buffer.baseAddress, wanted, off_t(offset))
            guard got > 0 else { return false }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
            offset += got
        }
        return true
    }

    deinit {
        switch storage {
        case .empty: break
        case let .mapped(address, slot):
            armready_fault_guard_unregister(slot)
            munmap(address, length)
        case let .copied(address): address.deallocate()
        }
        close(descriptor)
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// What tells one version of a file from the next without reading it: size, modification and
/// status-change times (nanoseconds). Reading a file changes none of them.
private struct FileVersion: Equatable {
    var size: Int
    var modified = timespec()
    var changed = timespec()

    init(size: Int) { self.size = size }

    init?(_ fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        size = Int(info.st_size)
        modified = info.st_mtim
        changed = info.st_ctim
    }

    static func == (lhs: FileVersion, rhs: FileVersion) -> Bool {
        lhs.size == rhs.size && lhs.modified.tv_sec == rhs.modified.tv_sec
            && lhs.modified.tv_nsec == rhs.modified.tv_nsec && lhs.changed.tv_sec == rhs.changed.tv_sec
            && lhs.changed.tv_nsec == rhs.changed.tv_nsec
    }
}
