/// One `--exclude` (or `exclude:`) pattern with gitignore's meaning, compiled once.
///
/// The rules are git's (gitignore(5), "PATTERN FORMAT"; `dir.c` `parse_path_pattern`): a
/// leading `!` re-includes, a trailing `/` matches directories only, a pattern with no other
/// slash matches a name at any depth, any other slash anchors it to the scan root (a leading
/// one is dropped). Unescaped trailing spaces are dropped; `#` is not a comment, since a
/// pattern is one argument, not a line of a file. The glob itself is matched by `Wildmatch`.
struct ExcludePattern: Sendable, Equatable {
    /// `!pattern`: a match re-includes the path.
    let negated: Bool
    /// `pattern/`: only directories match.
    let directoryOnly: Bool
    /// No slash but a trailing one: matched against the last path component.
    let matchesName: Bool
    /// The glob, without `!`, the leading `/` of an anchored pattern and the trailing `/`.
    let glob: [UInt8]

    /// - Returns: nil for a pattern that can match nothing (empty, or only `!`, spaces or `/`).
    init?(_ text: String) {
        var bytes = Self.withoutTrailingSpaces(Array(text.utf8.prefix { $0 != 0 }))
        negated = bytes.first == UInt8(ascii: "!")
        if negated { bytes.removeFirst() }
        directoryOnly = bytes.last == UInt8(ascii: "/")
        if directoryOnly { bytes.removeLast() }
        matchesName = !bytes.contains(UInt8(ascii: "/"))
        if !matchesName, bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        guard !bytes.isEmpty else { return nil }
        glob = bytes
    }

    /// Whether the pattern matches `path` (relative to the scan root, `/`-separated, no
    /// trailing slash), ignoring `negated`.
    /// - Parameter nameStart: where the last component of `path` begins.
    func matches(_ path: [UInt8], nameStart: Int, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        return Wildmatch.matches(glob, path, from: matchesName ? nameStart : 0)
    }

    /// git's `trim_trailing_spaces`: spaces at the end go unless the first of them is escaped.
    private static func withoutTrailingSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var firstTrailingSpace: Int?
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "):
                if firstTrailingSpace == nil { firstTrailingSpace = index }
            case UInt8(ascii: "\\"):
                index += 1
                if index == bytes.count { return bytes }
                firstTrailingSpace = nil
            default:
                firstTrailingSpace = nil
            }
            index += 1
        }
        return firstTrailingSpace.map { Array(bytes[..<$0]) } ?? bytes
    }
}
