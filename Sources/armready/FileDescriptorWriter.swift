#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes text to file descriptors and report files.
enum FileDescriptorWriter {
    static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc.write(descriptor, base + offset, raw.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Writes `text` to `path` through a temporary file in the same directory and a rename, so
    /// an interrupted run never leaves half a report.
    /// - Throws: `WriteError` whose description is the system's reason ("No such file or directory").
    static func writeAtomically(_ text: String, to path: String) throws(WriteError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError.fromErrno() }
        let bytes = Array(text.utf8)
        let complete = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc.write(descriptor, base + offset, raw.count - offset)
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
        let error = complete ? nil : WriteError.fromErrno()
        guard close(descriptor) == 0, error == nil, rename(temporary, path) == 0 else {
            let failure = error ?? WriteError.fromErrno()
            unlink(temporary)
            throw failure
        }
    }

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

/// Why a file could not be written: the system's sentence for `errno`.
struct WriteError: Error, CustomStringConvertible {
    let description: String

    static func fromErrno() -> WriteError {
        WriteError(description: String(cString: strerror(errno)))
    }
}
