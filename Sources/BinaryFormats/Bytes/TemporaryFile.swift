#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An unlinked temporary file that a large package member is unpacked into and then mapped
/// (`mapped()`), so it need not fit in memory and nothing is left behind, even when the scan
/// is killed. Closed on release unless a mapping took it over.
package final class TemporaryFile {
    package let descriptor: Int32
    private var adopted = false

    /// Makes the file in `directory`: `$TMPDIR`, else `/tmp`, by default.
    package init(directory: String? = nil) throws(BinaryFormatError) {
        let directory = directory ?? getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/armready-entry-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw .io(call: "mkstemp", message: String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        descriptor = fd
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            guard written > 0 else { throw .io(call: "write", message: String(cString: strerror(errno))) }
            offset += written
        }
    }

    /// The file's contents, mapped; the mapping owns the descriptor from here on (and closes
    /// it if mapping fails).
    package func mapped() throws(BinaryFormatError) -> MappedFile {
        guard !adopted else { throw .invalid("a temporary file was mapped twice") }
        adopted = true
        return try MappedFile(adopting: descriptor)
    }

    deinit {
        if !adopted { close(descriptor) }
    }
}
