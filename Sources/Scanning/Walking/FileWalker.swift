#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walks scan roots without following symbolic links unless asked, never opening FIFOs,
/// sockets or devices, and reports what it skipped.
///
/// Uses `opendir`/`readdir`/`lstat` on raw bytes so file names that are not UTF-8 are still
/// scanned (and shown with replacement characters). With `followSymlinks`, a link to a
/// directory already on the current path is a loop and is reported, not entered.
struct FileWalker {
    var followSymlinks: Bool
    var excludes: [String]
    /// Directories never entered, by identity rather than name: armready's own cache folder
    /// when it lies inside a scanned tree.
    private var skippedDirectories: [DeviceInode] = []
    private(set) var files: [WalkedFile] = []
    private(set) var diagnostics: [ScanDiagnostic] = []

    init(followSymlinks: Bool, excludes: [String]) {
        self.followSymlinks = followSymlinks
        self.excludes = excludes
    }

    /// Never enters the directory at `path` (when it exists).
    mutating func skipDirectory(_ path: String) {
        var info = stat()
        if stat(path, &info) == 0, Self.isDirectory(info) { skippedDirectories.append(DeviceInode(info)) }
    }

    /// Walks one root. `prefix` is prepended to display paths (empty for a single root).
    /// - Returns: false when the root itself does not exist or cannot be read.
    mutating func walk(root: String, prefix: String) -> Bool {
        let rootBytes = Array(root.utf8)
        var info = stat()
        guard stat(root, &info) == 0 else {
            diagnostics.append(
                ScanDiagnostic(path: root, kind: .missingRoot, message: "cannot scan \(root): \(Self.errnoText())"))
            return false
        }
        if Self.isDirectory(info) {
            var ancestors: [DeviceInode] = [DeviceInode(info)]
            guard let directory = opendir(root) else {
                diagnostics.append(
                    ScanDiagnostic(
                        path: root, kind: .unreadable, message: "cannot read directory \(root): \(Self.errnoText())"))
                return false
            }
            closedir(directory)
            walkDirectory(rootBytes, display: prefix, lossy: false, ancestors: &ancestors)
            return true
        }
        let name = prefix.isEmpty ? Self.lastComponent(root) : prefix
        consider(path: rootBytes, display: name, lossy: false, info: info, isRoot: true)
        return true
    }

    /// `lossy`: some directory above already had a name that is not valid UTF-8.
    private mutating func walkDirectory(
        _ path: [UInt8], display: String, lossy parentLossy: Bool, ancestors: inout [DeviceInode]
    ) {
        guard let directory = path.withCPath({ opendir($0) }) else {
            diagnostics.append(
                ScanDiagnostic(
                    path: display.isEmpty ? "." : display, kind: .unreadable,
                    message: "cannot read directory: \(Self.errnoText())"))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        closedir(directory)
        // Byte order, so the walk (and so the report) is the same on every run.
        names.sort { $0.lexicographicallyPrecedes($1) }
        for name in names {
            let child = path + [0x2F] + name
            let decoded = String(decoding: name, as: UTF8.self)
            let lossy = parentLossy || Array(decoded.utf8) != name
            let childDisplay = display.isEmpty ? decoded : display + "/" + decoded
            if isExcluded(childDisplay, name: decoded) { continue }
            var info = stat()
            guard child.withCPath({ lstat($0, &info) }) == 0 else {
                diagnostics.append(
                    ScanDiagnostic(path: childDisplay, kind: .unreadable, message: "cannot stat: \(Self.errnoText())"))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard followSymlinks else { continue }
                guard child.withCPath({ stat($0, &info) }) == 0 else { continue }  // dangling link
                if Self.isDirectory(info), ancestors.contains(DeviceInode(info)) {
                    diagnostics.append(
                        ScanDiagnostic(
                            path: childDisplay, kind: .symlinkLoop,
                            message: "symbolic link loops back to a directory being scanned; not followed"))
                    continue
                }
            }
            if Self.isDirectory(info) {
                if skippedDirectories.contains(DeviceInode(info)) { continue }
                ancestors.append(DeviceInode(info))
                walkDirectory(child, display: childDisplay, lossy: lossy, ancestors: &ancestors)
                ancestors.removeLast()
            } else {
                consider(path: child, display: childDisplay, lossy: lossy, info: info, isRoot: false)
            }
        }
    }

    private mutating func consider(path: [UInt8], display: String, lossy: Bool, info: stat, isRoot: Bool) {
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let what: String
            switch type {
            case S_IFIFO: what = "a FIFO"
            case S_IFSOCK: what = "a socket"
            case S_IFCHR: what = "a character device"
            case S_IFBLK: what = "a block device"
            default: what = "not a regular file"
            }
            diagnostics.append(
                ScanDiagnostic(path: display, kind: .specialFile, message: "\(what); skipped without opening it"))
            return
        }
        files.append(WalkedFile(openPath: path, displayPath: display, displayIsLossy: lossy, size: Int(info.st_size)))
    }

    /// A path is excluded when a pattern matches the whole relative path or the entry's name
    /// (`fnmatch` without FNM_PATHNAME, so `*` also matches `/`).
    private func isExcluded(_ path: String, name: String) -> Bool {
        excludes.contains { pattern in fnmatch(pattern, path, 0) == 0 || fnmatch(pattern, name, 0) == 0 }
    }

    private static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
