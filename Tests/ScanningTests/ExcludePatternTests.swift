import Foundation
import Testing

@testable import Scanning

/// `--exclude` means what a `.gitignore` line means (issue 13). Every expectation comes from
/// git itself: each case writes its patterns to the `.gitignore` of a scratch repository holding
/// `GitIgnoreTree.paths` and asks `git check-ignore --no-index -v` about every path; a path
/// inside an ignored directory counts as ignored, as the walk never enters it.
@Suite("Exclude patterns agree with git check-ignore")
struct ExcludePatternTests {
    static let cases: [[String]] = [
        // Names at any depth, and the patterns that configurations used before issue 13.
        ["*.tmp"], ["a.tmp"], ["*.pdb", "*.tmp"], ["sub/*"], ["s?b"], ["*"],
        // Anchoring: a leading or middle slash ties the pattern to the root.
        ["/sub"], ["/a.tmp"], ["sub/a.tmp"], ["sub/deep"], ["*/x.dll"], ["deep/a.tmp"], ["/build/lib"],
        // Directories only.
        ["build/"], ["/build/"], ["foo/"], ["foo"], ["deep/"], ["lib/"],
        // `**`.
        ["**/build"], ["**/test-data/*"], ["**/test-data"], ["a/**/b"], ["abc/**"], ["sub/**/*.dll"], ["**"],
        ["**/*.dll"], ["sub/**"], ["a**b"], ["**b"], ["/**/deep"],
        // Character classes and escapes.
        ["[ab].dll"], ["b[0-9].exe"], ["b[!0-9].exe"], ["b[^0-9].exe"], ["b[[:digit:]].exe"], ["[[:upper:]].exe"],
        ["\\[x\\].dll"], ["star\\*.dll"], ["\\!bang"], ["\\#hash"], ["[]x].dll"], ["sp ace"], ["a.tmp   "],
        ["a.tmp\\ "], ["b[a-c-].exe"],
        // Negation: the last match wins, but an excluded directory is never entered.
        ["*.dll", "!a.dll"], ["build/", "!build/app.dll"], ["build/*", "!build/app.dll"], ["*.tmp", "!sub/*.tmp"],
        ["*", "!*/", "!*.dll"], ["sub", "!sub/x.dll"], ["!a.dll", "*.dll"], ["deep/", "!sub/deep/"],
    ]

    @Test(arguments: cases)
    func patternsExcludeWhatGitIgnores(_ patterns: [String]) throws {
        let tree = try GitIgnoreTree()
        let expected = try tree.ignoredByGit(patterns)
        let list = ExcludeList(patterns)
        for (path, isDirectory) in GitIgnoreTree.paths {
            let excluded = list.excludesPathOrParent(Array(path.utf8), isDirectory: isDirectory)
            #expect(
                excluded == expected.contains(path),
                "\(patterns) on \(path): git \(expected.contains(path) ? "ignores" : "keeps") it")
        }
    }

    @Test func emptyAndBarePatternsMatchNothing() {
        for text in ["", "!", "/", "   ", "!/"] {
            #expect(ExcludePattern(text) == nil, "\(text)")
        }
    }

    @Test func unclosedClassMatchesNothing() {
        let list = ExcludeList(["a[b", "[[:nonsense:]]"])
        #expect(!list.excludes(Array("a[b".utf8), isDirectory: false))
        #expect(!list.excludes(Array("x".utf8), isDirectory: false))
    }

    /// Backtracking is bounded as in git: a pathological pattern on a long name ends.
    @Test(.timeLimit(.minutes(10)))
    func manyStarsOnALongNameEnd() {
        let list = ExcludeList([String(repeating: "*a", count: 30) + "b"])
        #expect(!list.excludes(Array(String(repeating: "a", count: 200).utf8), isDirectory: false))
    }
}

/// A scratch git repository with a fixed set of files and directories.
final class GitIgnoreTree {
    /// Each path and whether it is a directory.
    static let paths: [(String, Bool)] = [
        ("a.dll", false), ("a.tmp", false), ("B.exe", false), ("b1.exe", false), ("bz.exe", false), ("b-.exe", false),
        ("#hash", false), ("!bang", false), ("sp ace", false), ("[x].dll", false), ("x].dll", false),
        ("star*.dll", false), ("starX.dll", false), ("foo", false), ("ab", false), ("axb", false),
        ("sub", true), ("sub/a.tmp", false), ("sub/x.dll", false), ("sub/deep", true), ("sub/deep/a.tmp", false),
        ("sub/deep/y.dll", false), ("sab", true), ("sab/x.dll", false),
        ("build", true), ("build/app.dll", false), ("build/lib", true), ("build/lib/z.dll", false),
        ("src", true), ("src/build", true), ("src/build/q.dll", false), ("docs", true), ("docs/build", false),
        ("test-data", true), ("test-data/t.dll", false), ("x", true), ("x/test-data", true),
        ("x/test-data/t.dll", false), ("dir", true), ("dir/foo", true), ("dir/foo/bar", false),
        ("a", true), ("a/b", false), ("a/x", true), ("a/x/b", false), ("a/x/y", true), ("a/x/y/b", false),
        ("abc", true), ("abc/def", false), ("deep", true), ("deep/a.tmp", false), ("lib", false),
    ]

    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("armready-gitignore-\(UUID().uuidString)")
        for (path, isDirectory) in Self.paths {
            let target = url.appendingPathComponent(path)
            if isDirectory {
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data().write(to: target)
            }
        }
        let initialised = try Self.git(["init", "-q"], in: url, input: Data())
        try #require(initialised.status == 0, "git init: \(initialised.error)")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The paths `git check-ignore` reports as ignored (not re-included by a `!` pattern)
    /// with `patterns` as the repository's `.gitignore`.
    func ignoredByGit(_ patterns: [String]) throws -> Set<String> {
        try Data((patterns.joined(separator: "\n") + "\n").utf8).write(to: url.appendingPathComponent(".gitignore"))
        let input = Data(Self.paths.map(\.0).joined(separator: "\0").utf8 + [0])
        let result = try Self.git(
            ["-c", "core.excludesFile=/dev/null", "check-ignore", "--no-index", "-v", "-n", "-z", "--stdin"], in: url,
            input: input)
        // 0: some path ignored, 1: none; anything else is an error.
        try #require(result.status == 0 || result.status == 1, "git check-ignore: \(result.error)")
        // -z -v: source, line, pattern and path, each ended by NUL.
        let fields = result.output.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var ignored = Set<String>()
        var index = 0
        while index + 3 < fields.count {
            let pattern = fields[index + 2]
            if !pattern.isEmpty && !pattern.hasPrefix("!") { ignored.insert(fields[index + 3]) }
            index += 4
        }
        return ignored
    }

    private static func git(_ arguments: [String], in directory: URL, input: Data) throws -> (
        status: Int32, output: [UInt8], error: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(output), String(decoding: error, as: UTF8.self))
    }
}
