#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// A tree deeper than any path can name, built one level at a time with `mkdirat` and `openat`
/// (`mkdir -p` and `FileManager` stop at `PATH_MAX`).
///
/// Level `i` is `level-NNNN` (`NNNN` = `i`, four digits); each level also holds `side/note.txt`
/// (a line of text), which sorts after the next level, so every directory on the way down
/// still has a subdirectory to enter when the walk reaches the bottom.
struct DeepTree {
    let root: URL
    let levels: Int

    static func levelName(_ index: Int) -> String { "level-" + String(format: "%04d", index) }

    /// The bottom file's path relative to the root, as a report shows it.
    func bottomPath(_ name: String) -> String {
        ((0..<levels).map(Self.levelName) + [name]).joined(separator: "/")
    }

    struct SystemCallFailed: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    /// Builds the tree in a new temporary directory with `bottom` as `bottomName` at the bottom.
    init(levels: Int, bottomName: String, bottom: Data) throws {
        self.levels = levels
        root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-deep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var directory = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw SystemCallFailed(call: "open", code: errno) }
        defer { close(directory) }
        for index in 0..<levels {
            try Self.writeFile(
                Data("a note, not a binary\n".utf8), as: "side/note.txt", in: directory, makingDirectory: "side")
            let name = Self.levelName(index)
            guard mkdirat(directory, name, 0o755) == 0 else { throw SystemCallFailed(call: "mkdirat", code: errno) }
            let next = openat(directory, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard next >= 0 else { throw SystemCallFailed(call: "openat", code: errno) }
            close(directory)
            directory = next
        }
        try Self.writeFile(bottom, as: bottomName, in: directory, makingDirectory: nil)
    }

    private static func writeFile(_ data: Data, as name: String, in directory: Int32, makingDirectory: String?) throws {
        if let makingDirectory, mkdirat(directory, makingDirectory, 0o755) != 0 {
            throw SystemCallFailed(call: "mkdirat", code: errno)
        }
        let fd = openat(directory, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemCallFailed(call: "openat", code: errno) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw SystemCallFailed(call: "write", code: errno) }
    }

    /// Removes the tree with `rm -rf`, which walks by descriptors and so reaches any depth.
    func remove() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", root.path]
        try? process.run()
        process.waitUntilExit()
    }
}
