#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walks scan roots without following symbolic links unless asked, never opening FIFOs,
/// sockets or devices, and reports what it skipped.
///
/// Directories are opened relative to their parent's descriptor (`openat`, `fdopendir`,
/// `fstatat` with `AT_SYMLINK_NOFOLLOW`) and hold raw names, so neither the depth of a tree nor
/// the length of its paths limits the walk, and names that are not UTF-8 are still scanned
/// (shown with replacement characters). Each regular file is handed on as it is found: the walk
/// keeps no list of files, only the directories above the current one (`DirectoryStack`).
/// With `followSymlinks`, a link to a directory already on the current path is a loop and is
/// reported, not entered.
struct FileWalker {
    var followSymlinks: Bool
    /// Matched against each path relative to its scan root; an excluded directory is not entered.
    var excludes: ExcludeList
    /// `--shard I/N`: only the files (and the diagnostics) of this shard; directories of other
    /// shards are not entered.
    var shard: ScanShard?
    /// Directories never entered, by identity rather than name: armready's own cache folder
    /// when it lies inside a scanned tree.
    private var skippedDirectories: [DeviceInode] = []
    private(set) var diagnostics: [ScanDiagnostic] = []
    /// Regular files handed on so far, over every root walked.
    private(set) var filesFound = 0

    init(followSymlinks: Bool, excludes: [String]) {
        self.followSymlinks = followSymlinks
        self.excludes = ExcludeList(excludes)
    }

    /// Never enters the directory at `path` (when it exists).
    mutating func skipDirectory(_ path: String) {
        var info = stat()
        if stat(path, &info) == 0, Self.isDirectory(info) { skippedDirectories.append(DeviceInode(info)) }
    }

    /// Walks one root, calling `found` with each regular file as the walk meets it and
    /// `entering` with each directory's display path before it is listed.
    /// - Parameter prefix: prepended to display paths (empty for a single root).
    /// - Returns: false when the root itself does not exist or cannot be read.
    mutating func walk(
        root: String, prefix: String, entering: (String) -> Void = { _ in }, found: (WalkedFile) -> Void
    ) -> Bool {
        var info = stat()
        // Every shard walks the roots; the shard of the root's own files tells about the root.
        let ownsRoot = shard?.owns(directory: prefix) ?? true
        guard stat(root, &info) == 0 else {
            if ownsRoot { report(root, .missingRoot, "cannot scan \(root): \(Errno(errno).text)") }
            return false
        }
        guard Self.isDirectory(info) else {
            let name = prefix.isEmpty ? Self.lastComponent(root) : prefix
            consider(
                Array(root.utf8), in: .workingDirectory, type: Self.entryType(info.st_mode), followLink: true,
                display: name, lossy: false, found: found)
            return true
        }
        return walkDirectory(
            Array(root.utf8), named: root, display: prefix, lossy: false,
            matchedFrom: prefix.isEmpty ? 0 : prefix.utf8.count + 1,
            entering: entering, found: found)
    }

    /// Walks the directory `path` (relative to the working directory) and everything below it.
    /// - Parameters:
    ///   - name: the directory as diagnostics name it when it cannot be opened.
    ///   - display: the display path of the directory, prepended to the paths below it.
    ///   - matchedFrom: UTF-8 bytes of a display path left out of the path that `excludes`
    ///     matches, so patterns see paths relative to the scan root.
    /// - Returns: false when the directory cannot be opened.
    mutating func walkDirectory(
        _ path: [UInt8], named name: String, display: String, lossy: Bool, matchedFrom: Int,
        entering: (String) -> Void, found: (WalkedFile) -> Void
    ) -> Bool {
        let handle: DirectoryHandle
        switch DirectoryHandle.open(path, in: .workingDirectory, followLink: true) {
        case let .failure(error):
            // Every shard walks the roots; the shard of the root's own files tells about the root.
            if shard?.owns(directory: display) ?? true {
                report(name, .unreadable, "cannot read directory \(name): \(error.text)")
            }
            return false
        case let .success(opened): handle = opened
        }
        var stack = DirectoryStack(root: handle, display: display, lossy: lossy)
        entering(display)
        list(&stack, matchedFrom: matchedFrom, found: found)
        while !stack.frames.isEmpty {
            guard let (entry, parent) = stack.nextPending() else {
                stack.pop()
                continue
            }
            let from: DirectoryHandle
            switch parent {
            case .failure(.replaced):
                report(
                    stack.displayOrDot, .unreadable, "the directory was replaced during the scan; not walked further")
                continue
            case let .failure(.failed(error)):
                report(stack.displayOrDot, .unreadable, "cannot open the directory again: \(error.text)")
                continue
            case let .success(handle): from = handle
            }
            let decoded = String(decoding: entry.name, as: UTF8.self)
            let display = stack.childDisplay(decoded)
            let opened: DirectoryHandle
            switch DirectoryHandle.open(entry.name, in: from, followLink: entry.followLink) {
            case let .failure(error):
                report(display, .unreadable, "cannot read directory: \(error.text)")
                continue
            case let .success(handle): opened = handle
            }
            if entry.followLink, stack.contains(opened.identity) {
                report(display, .symlinkLoop, "symbolic link loops back to a directory being scanned; not followed")
                continue
            }
            if skippedDirectories.contains(opened.identity) { continue }
            let lossy = stack.top.lossy || !decoded.utf8.elementsEqual(entry.name)
            stack.push(opened, entry, decodedName: decoded, lossy: lossy)
            entering(display)
            list(&stack, matchedFrom: matchedFrom, found: found)
        }
        return true
    }

    /// Lists the deepest directory: hands on its files, reports its special files, and
    /// records its subdirectories in byte order (so the walk is the same on every run).
    /// Excluded entries are neither handed on nor entered (nor even `stat`ed when the decision
    /// does not depend on their type).
    private mutating func list(_ stack: inout DirectoryStack, matchedFrom: Int, found: (WalkedFile) -> Void) {
        guard let directory = stack.top.handle else { return }
        var entries: [DirectoryEntry]
        switch directory.entries() {
        case let .failure(error):
            if shard?.owns(directory: stack.display) ?? true {
                report(stack.displayOrDot, .unreadable, "cannot read directory: \(error.text)")
            }
            return
        case let .success(listed): entries = listed
        }
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        var subdirectories: [DirectoryStack.PendingDirectory] = []
        for entry in entries {
            let decoded = String(decoding: entry.name, as: UTF8.self)
            let display = stack.childDisplay(decoded)
            // Excluded as a file, as a directory: only when the two differ is the type needed.
            var verdicts = (file: false, directory: false)
            if !excludes.isEmpty {
                let path = Array(display.utf8.dropFirst(matchedFrom))
                verdicts.file = excludes.excludes(path, isDirectory: false)
                verdicts.directory =
                    excludes.dependsOnType ? excludes.excludes(path, isDirectory: true) : verdicts.file
                if verdicts.file && verdicts.directory { continue }
            }
            var type = entry.type
            var followLink = false
            var info = stat()
            if type == UInt8(DT_UNKNOWN) {
                guard entry.name.withCPath({ fstatat(directory.descriptor, $0, &info, AT_SYMLINK_NOFOLLOW) }) == 0
                else {
                    if shard?.owns(file: display) ?? true {
                        report(display, .unreadable, "cannot stat: \(Errno(errno).text)")
                    }
                    continue
                }
                type = Self.entryType(info.st_mode)
            }
            if type == UInt8(DT_LNK) {
                guard followSymlinks else { continue }
                // A dangling link is no file to scan.
                guard entry.name.withCPath({ fstatat(directory.descriptor, $0, &info, 0) }) == 0 else { continue }
                type = Self.entryType(info.st_mode)
                followLink = true
            }
            // A followed link to a directory is walked as one, so it matches `name/` patterns.
            if type == UInt8(DT_DIR) ? verdicts.directory : verdicts.file { continue }
            if type == UInt8(DT_DIR) {
                if let shard, !shard.owns(directory: display) { continue }
                subdirectories.append(DirectoryStack.PendingDirectory(name: entry.name, followLink: followLink))
                continue
            }
            let lossy = stack.top.lossy || !decoded.utf8.elementsEqual(entry.name)
            consider(
                entry.name, in: directory, type: type, followLink: followLink, display: display, lossy: lossy,
                found: found)
        }
        stack.top.pending = subdirectories.reversed()
    }

    mutating func consider(
        _ name: [UInt8], in directory: DirectoryHandle, type: UInt8, followLink: Bool, display: String, lossy: Bool,
        found: (WalkedFile) -> Void
    ) {
        if let shard, !shard.owns(file: display) { return }
        guard type == UInt8(DT_REG) else {
            let what: String
            switch Int(type) {
            case DT_FIFO: what = "a FIFO"
            case DT_SOCK: what = "a socket"
            case DT_CHR: what = "a character device"
            case DT_BLK: what = "a block device"
            default: what = "not a regular file"
            }
            report(display, .specialFile, "\(what); skipped without opening it")
            return
        }
        found(
            WalkedFile(
                directory: directory, name: name, followLink: followLink, displayPath: display, displayIsLossy: lossy,
                ordinal: filesFound))
        filesFound += 1
    }

    mutating func report(_ path: String, _ kind: ScanDiagnostic.Kind, _ message: String) {
        diagnostics.append(ScanDiagnostic(path: path, kind: kind, message: message))
    }

    /// The `d_type` that `readdir` would give for a `stat` mode (glibc's `IFTODT`).
    static func entryType(_ mode: mode_t) -> UInt8 { UInt8(truncatingIfNeeded: (mode & S_IFMT) >> 12) }

    static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
