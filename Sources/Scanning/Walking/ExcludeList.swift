/// The scan's `--exclude` and `exclude:` patterns in order, deciding as a `.gitignore` does:
/// the last pattern that matches a path wins, so `!pattern` re-includes what an earlier
/// pattern excluded.
///
/// Git's caveat holds: the walk never enters an excluded directory, so nothing inside it can be
/// re-included (`build/` then `!build/app.dll` still skips `build/app.dll`; `build/*` then
/// `!build/app.dll` keeps it).
struct ExcludeList: Sendable {
    private let patterns: [ExcludePattern]
    /// Some pattern ends in `/`, so whether a path is a directory can change the decision.
    let dependsOnType: Bool

    init(_ patterns: [String]) {
        self.patterns = patterns.compactMap(ExcludePattern.init)
        dependsOnType = self.patterns.contains(where: \.directoryOnly)
    }

    var isEmpty: Bool { patterns.isEmpty }

    /// Whether the patterns exclude `path` itself (relative to the scan root, `/`-separated).
    func excludes(_ path: [UInt8], isDirectory: Bool) -> Bool {
        let nameStart = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        for pattern in patterns.reversed() where pattern.matches(path, nameStart: nameStart, isDirectory: isDirectory) {
            return !pattern.negated
        }
        return false
    }

    /// Whether the patterns exclude `path` or a directory above it: what the walk would have
    /// skipped, for a path that reaches the scan without a walk (a `--files-from` entry).
    func excludesPathOrParent(_ path: [UInt8], isDirectory: Bool) -> Bool {
        for (index, byte) in path.enumerated() where byte == UInt8(ascii: "/") && index > 0 {
            if excludes(Array(path[..<index]), isDirectory: true) { return true }
        }
        return excludes(path, isDirectory: isDirectory)
    }
}
