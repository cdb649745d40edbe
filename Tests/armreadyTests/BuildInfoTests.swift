import Foundation
import Testing

/// GenerateBuildInfo (run by BuildInfoPlugin) reads the commit from the .git files as git itself
/// names it: a branch's loose ref, packed refs, a detached HEAD, a worktree's `.git` file; and
/// writes "unknown" for a source tree without `.git` (a tarball).
@Suite("GenerateBuildInfo: the commit in --version")
struct BuildInfoTests {
    static var tool: URL? {
        guard case let .success(armready) = Armready.executable else { return nil }
        let url = armready.deletingLastPathComponent().appendingPathComponent("GenerateBuildInfo")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "t"
        environment["GIT_AUTHOR_EMAIL"] = "t@example.com"
        environment["GIT_COMMITTER_NAME"] = "t"
        environment["GIT_COMMITTER_EMAIL"] = "t@example.com"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The commit GenerateBuildInfo writes for the checkout at `directory`.
    static func generated(for directory: URL) throws -> String? {
        let tool = try #require(Self.tool, "GenerateBuildInfo is not built (swift build --build-tests)")
        let output = directory.appendingPathComponent("BuildInfo.swift")
        let (status, _) = try run(tool.path, [directory.path, output.path])
        #expect(status == 0)
        defer { try? FileManager.default.removeItem(at: output) }
        let text = try String(contentsOf: output, encoding: .utf8)
        return text.firstMatch(of: #/static let commit = "([^"]*)"/#).map { String($0.1) }
    }

    @Test func sourceTreeWithoutGitIsUnknown() throws {
        let tree = try TemporaryTree()
        #expect(try Self.generated(for: tree.url) == "unknown")
    }

    @Test func agreesWithGitRevParse() throws {
        let gitPath = "/usr/bin/git"
        try #require(FileManager.default.isExecutableFile(atPath: gitPath), "git is not installed")
        let tree = try TemporaryTree()
        let repo = tree.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
            let (status, text) = try Self.run(
                gitPath, ["-c", "commit.gpgsign=false"] + arguments, in: directory ?? repo)
            #expect(status == 0, "git \(arguments.joined(separator: " "))")
            return text
        }
        _ = try git(["init", "-q", "-b", "main"])
        try tree.write("one", to: "repo/a.txt")
        _ = try git(["add", "a.txt"])
        _ = try git(["commit", "-q", "-m", "one"])
        func short() throws -> String { try git(["rev-parse", "--short=7", "HEAD"]) }
        #expect(try Self.generated(for: repo) == short(), "loose ref")
        _ = try git(["pack-refs", "--all"])
        #expect(try Self.generated(for: repo) == short(), "packed ref")
        try tree.write("two", to: "repo/a.txt")
        _ = try git(["commit", "-q", "-am", "two"])
        _ = try git(["checkout", "-q", "--detach", "HEAD~1"])
        #expect(try Self.generated(for: repo) == short(), "detached HEAD")
        _ = try git(["checkout", "-q", "main"])
        let worktree = tree.url.appendingPathComponent("wt")
        _ = try git(["worktree", "add", "-q", "-b", "side", worktree.path, "HEAD~1"])
        #expect(try Self.generated(for: worktree) == git(["rev-parse", "--short=7", "HEAD"], in: worktree), "worktree")
    }
}
