#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileWalker {
    /// Walks the entries of a `--files-from` list: files are handed on, directories walked.
    ///
    /// Each entry is reported by its path as listed, relative to the working directory (`./`,
    /// `.` and repeated or trailing slashes dropped), and `excludes` sees that path, as if the
    /// working directory were the scan root: an entry excluded itself or below an excluded
    /// directory is skipped as the walk would have skipped it. An entry that is listed twice,
    /// or lies below a listed directory (`find .` lists both), is walked once. A missing entry
    /// is a `missing-root` diagnostic and the scan goes on. The work is linear in the list's
    /// length (one set of listed paths, each entry checked against its own parents).
    mutating func walkListed(
        _ entries: [[UInt8]], entering: (String) -> Void = { _ in }, found: (WalkedFile) -> Void
    ) {
        let normalized = entries.map(Self.normalizedListPath)
        let listed = Set(normalized)
        var walked = Set<[UInt8]>()
        for (raw, path) in zip(entries, normalized) {
            guard walked.insert(path).inserted, !Self.hasListedParent(path, in: listed) else { continue }
            let display = String(decoding: path, as: UTF8.self)
            let lossy = !display.utf8.elementsEqual(path)
            let matchedFrom = Self.outsidePrefixLength(path)
            let matched = Array(path[matchedFrom...])
            guard !raw.contains(0) else {
                report(
                    display, .missingRoot,
                    "listed in --files-from with a NUL byte in it (a NUL-separated list needs -0)")
                continue
            }
            var info = stat()
            guard raw.withCPath({ stat($0, &info) }) == 0 else {
                let failure = Errno(errno)
                if !matched.isEmpty, excludes.excludesPathOrParent(matched, isDirectory: false) { continue }
                report(
                    display.isEmpty ? "." : display, .missingRoot,
                    "listed in --files-from, but cannot be scanned: \(failure.text)")
                continue
            }
            let isDirectory = Self.isDirectory(info)
            if !matched.isEmpty, excludes.excludesPathOrParent(matched, isDirectory: isDirectory) { continue }
            if isDirectory {
                _ = walkDirectory(
                    raw, named: display.isEmpty ? "." : display, display: display, lossy: lossy,
                    matchedFrom: matchedFrom, entering: entering, found: found)
            } else {
                consider(
                    raw, in: .workingDirectory, type: Self.entryType(info.st_mode), followLink: true, display: display,
                    lossy: lossy, found: found)
            }
        }
    }

    /// `./a//b/` → `a/b`, `.` → empty (the working directory itself); a leading `/` and `..`
    /// stay, since without the file system they cannot be resolved.
    static func normalizedListPath(_ path: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/")
        let parts = path.split(separator: slash, omittingEmptySubsequences: true).filter { $0 != [UInt8(ascii: ".")] }
        var result: [UInt8] = path.first == slash ? [slash] : []
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(slash) }
            result += part
        }
        return result
    }

    /// Whether a directory above `path` is listed too (the empty path, `.`, is above every
    /// relative path that does not climb out with `..`).
    private static func hasListedParent(_ path: [UInt8], in listed: Set<[UInt8]>) -> Bool {
        if !path.isEmpty, outsidePrefixLength(path) == 0, listed.contains([]) { return true }
        for (index, byte) in path.enumerated() where byte == UInt8(ascii: "/") && index > 0 {
            if listed.contains(Array(path[..<index])) { return true }
        }
        return false
    }

    /// Bytes of a leading `/` and `../` components, which lie outside the working directory
    /// that patterns are anchored to and are left out of the path they see.
    private static func outsidePrefixLength(_ path: [UInt8]) -> Int {
        var length = path.first == UInt8(ascii: "/") ? 1 : 0
        let parent: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: "."), UInt8(ascii: "/")]
        while path.count >= length + 3, Array(path[length..<(length + 3)]) == parent { length += 3 }
        if path.count == length + 2, path[length...].elementsEqual(parent.prefix(2)) { length += 2 }
        return length
    }
}
