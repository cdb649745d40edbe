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
package final class MappedFile: @unchecked Sendable {
    /// The file's bytes. Empty for an empty file.
    package let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer?
    private let length: Int
    /// Kept open for `forEachChunk`, which reads with `pread` rather than through the mapping.
    private let descriptor: Int32

    /// Maps the regular file at `path`.
    ///
    /// - Throws: `BinaryFormatError.io` naming the failing call (`open`, `fstat`, `mmap`) and
    ///   `errno`'s text, or `.notRegularFile` for FIFOs, devices and directories, which are never read.
    package convenience init(path: String) throws(BinaryFormatError) {
        try self.init(pathBytes: Array(path.utf8))
    }

    /// Maps the file whose path is `pathBytes` (raw bytes: names need not be UTF-8).
    package convenience init(pathBytes: [UInt8]) throws(BinaryFormatError) {
        // O_NONBLOCK: opening a FIFO that raced in after the walk must not block.
        let fd = (pathBytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } ?? -1
            }
        }
        guard fd >= 0 else { throw .io(call: "open", message: Self.errnoText()) }
        try self.init(adopting: fd)
    }

    /// Maps the open file `fd` and takes ownership of it (it is closed on failure and in
    /// `deinit`); used for temporary files that were unlinked once written.
    package init(adopting fd: Int32) throws(BinaryFormatError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = Self.errnoText()
            close(fd)
            throw .io(call: "fstat", message: message)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .notRegularFile
        }
        descriptor = fd
        let size = Int(info.st_size)
        length = size
        if size == 0 {
            mapping = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            let message = Self.errnoText()
            close(fd)
            throw .io(call: "mmap", message: message)
        }
        mapping = address
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Drops the pages covering `range` from the process's resident memory (`madvise` with
    /// `MADV_DONTNEED`), so scanning a large file does not keep all of it resident.
    ///
    /// The mapping is private and armready never writes to it, so a later read of the range
    /// faults the file's bytes back in; nothing is lost. The range is widened to whole pages
    /// and clipped to the mapping.
    package func releasePages(_ range: Range<Int>) {
        guard let mapping, !range.isEmpty else { return }
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
        if let mapping { munmap(mapping, length) }
        close(descriptor)
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
