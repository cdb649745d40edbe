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

    /// Maps the regular file at `path`.
    ///
    /// - Throws: `BinaryFormatError.io` naming the failing call (`open`, `fstat`, `mmap`) and
    ///   `errno`'s text, or `.notRegularFile` for FIFOs, devices and directories, which are never read.
    package convenience init(path: String) throws(BinaryFormatError) {
        try self.init(pathBytes: Array(path.utf8))
    }

    /// Maps the file whose path is `pathBytes` (raw bytes: names need not be UTF-8).
    package init(pathBytes: [UInt8]) throws(BinaryFormatError) {
        // O_NONBLOCK: opening a FIFO that raced in after the walk must not block.
        let fd = (pathBytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } ?? -1
            }
        }
        guard fd >= 0 else { throw .io(call: "open", message: Self.errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(call: "fstat", message: Self.errnoText()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegularFile }
        let size = Int(info.st_size)
        length = size
        if size == 0 {
            mapping = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw .io(call: "mmap", message: Self.errnoText())
        }
        mapping = address
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let mapping { munmap(mapping, length) }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
