#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open directory that the walk lists and that files found in it are opened from
/// (`openat(2)`), so no path handed to the kernel is ever longer than one name.
///
/// Shared by reference: the walk's frame for the directory and every queued `WalkedFile` in it
/// hold the same handle, and the descriptor is closed when the last of them lets go. The walk
/// keeps only a bounded number of frames' handles (`DirectoryStack`) and the queue to the
/// analysing threads is bounded, so the descriptors open at once are bounded too.
final class DirectoryHandle: Sendable {
    /// The directory's descriptor (`O_RDONLY | O_DIRECTORY`), or `AT_FDCWD` for the working
    /// directory, which is never closed.
    let descriptor: Int32
    /// The directory's device and inode, from `fstat(2)` on the descriptor.
    let identity: DeviceInode

    private init(descriptor: Int32, identity: DeviceInode) {
        self.descriptor = descriptor
        self.identity = identity
    }

    /// The working directory, against which paths given on the command line are opened.
    static let workingDirectory = DirectoryHandle(descriptor: AT_FDCWD, identity: DeviceInode(device: 0, inode: 0))

    /// Opens the directory `name` inside `parent` (`openat(2)` with `O_DIRECTORY`).
    /// - Parameter followLink: false adds `O_NOFOLLOW`: a directory entry that the walk saw as a
    ///   directory and that became a symbolic link since is refused, not followed.
    /// - Returns: the handle, or the `errno` of the failing call (`openat` or `fstat`).
    static func open(_ name: [UInt8], in parent: DirectoryHandle, followLink: Bool) -> Result<DirectoryHandle, Errno> {
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followLink ? 0 : O_NOFOLLOW)
        let fd = name.withCPath { openat(parent.descriptor, $0, flags) }
        guard fd >= 0 else { return .failure(Errno(errno)) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let failure = Errno(errno)
            close(fd)
            return .failure(failure)
        }
        return .success(DirectoryHandle(descriptor: fd, identity: DeviceInode(info)))
    }

    /// The names in the directory except `.` and `..`, each with its `d_type` (`DT_UNKNOWN` where
    /// the file system does not say), read with `readdir(3)` on a duplicate of the descriptor.
    /// The duplicate shares the descriptor's position: the walk lists a directory once.
    func entries() -> Result<[DirectoryEntry], Errno> {
        list(dup(descriptor))
    }

    /// The same listing from a descriptor of its own (`openat(".")`), for a second look at a
    /// directory the walk has listed (the files beside a package), from any thread.
    func freshEntries() -> Result<[DirectoryEntry], Errno> {
        list(openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC))
    }

    private func list(_ copy: Int32) -> Result<[DirectoryEntry], Errno> {
        guard copy >= 0 else { return .failure(Errno(errno)) }
        guard let stream = fdopendir(copy) else {
            let failure = Errno(errno)
            close(copy)
            return .failure(failure)
        }
        defer { closedir(stream) }
        var entries: [DirectoryEntry] = []
        errno = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] {
                entries.append(DirectoryEntry(name: name, type: entry.pointee.d_type))
            }
            errno = 0
        }
        // readdir returns NULL both at the end and on an error; only errno tells them apart.
        if errno != 0 { return .failure(Errno(errno)) }
        return .success(entries)
    }

    deinit {
        if descriptor != AT_FDCWD { close(descriptor) }
    }
}
