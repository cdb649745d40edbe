#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes text to file descriptors and report files, all of it or an error: a report that is
/// cut short must never look like a finished one.
enum FileDescriptorWriter {
    /// Writes every byte of `text` to `descriptor`, retrying interrupted and short writes and
    /// waiting for a non-blocking descriptor to drain.
    /// - Throws: `WriteError` with the system's reason (`No space left on device`, `Broken pipe`).
    static func write(_ text: String, to descriptor: Int32) throws(WriteError) {
        let bytes = Array(text.utf8)
        // `withUnsafeBytes` only rethrows; the Result keeps the error's type.
        let written = bytes.withUnsafeBytes { raw in
            Result { () throws(WriteError) in try writeAll(raw, to: descriptor) }
        }
        try written.get()
    }

    /// Writes `text` to `path`. A regular file (or a new one) is written through a temporary
    /// file in the same directory and a rename, so an interrupted run never leaves half a
    /// report; anything else (a device such as `/dev/stdout`, a FIFO, a symbolic link) is
    /// opened and written in place, because renaming over it would replace the device node or
    /// the link instead of writing to it.
    /// - Throws: `WriteError` whose description is the system's reason ("No such file or directory").
    static func writeAtomically(_ text: String, to path: String) throws(WriteError) {
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            try writeInPlace(text, to: path)
            return
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        // A leftover of a crashed run with the same process id goes first, so O_EXCL can refuse
        // a file (or a planted symbolic link) that appears in between.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError.fromErrno() }
        var failure: WriteError?
        do {
            try write(text, to: descriptor)
        } catch {
            failure = error
        }
        // Some file systems (NFS) report a full disk only when the file is closed.
        if close(descriptor) != 0, failure == nil { failure = WriteError.fromErrno() }
        if failure == nil, rename(temporary, path) != 0 { failure = WriteError.fromErrno() }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// `writeAtomically` for a path that is not a regular file: open it as it is and write.
    private static func writeInPlace(_ text: String, to path: String) throws(WriteError) {
        // O_TRUNC empties a regular file behind a symbolic link and does nothing to a device or FIFO.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError.fromErrno() }
        var failure: WriteError?
        do {
            try write(text, to: descriptor)
        } catch {
            failure = error
        }
        if close(descriptor) != 0, failure == nil { failure = WriteError.fromErrno() }
        if let failure { throw failure }
    }

    private static func writeAll(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) throws(WriteError) {
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = systemWrite(descriptor, base + offset, raw.count - offset)
            if written > 0 {
                offset += written
                continue
            }
            // POSIX allows 0 for a non-empty write only where nothing can ever be written.
            guard written < 0 else { throw WriteError(description: "nothing could be written") }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try waitUntilWritable(descriptor)
            default: throw WriteError.fromErrno()
            }
        }
    }

    /// Blocks until a non-blocking descriptor (a pipe set O_NONBLOCK by whoever shares it)
    /// takes more bytes, instead of spinning on EAGAIN.
    private static func waitUntilWritable(_ descriptor: Int32) throws(WriteError) {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while true {
            // POLLERR, POLLHUP and POLLNVAL also end the wait; the next write then fails with the reason.
            if poll(&entry, 1, -1) >= 0 { return }
            guard errno == EINTR else { throw WriteError.fromErrno() }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #elseif canImport(Darwin)
            Darwin.write(descriptor, buffer, count)
        #endif
    }
}
