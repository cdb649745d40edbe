#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// Trees that used to hang or crash walkers: an unreadable file, a symbolic-link loop, a FIFO.
/// Each must end promptly, report the file under `diagnostics` (kinds from
/// docs/json-schema.md) and still rate everything else (Samples/README.md: NativeEditor's two
/// binaries are native).
@Suite("armready: hostile trees")
struct WalkingTests {
    private func nativeEditorTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "app")
        return tree
    }

    private func expectNativeEditorRated(_ report: ScanJSON, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(
            try report.verdict("core.dll", sourceLocation: sourceLocation) == "native", sourceLocation: sourceLocation)
        #expect(
            try report.verdict("editor.exe", sourceLocation: sourceLocation) == "native", sourceLocation: sourceLocation
        )
    }

    private func unprivileged(_ tree: TemporaryTree) throws -> [String] { try tree.unprivilegedPrefix() }

    @Test func unreadableFileIsAWarningAndTheRestIsScanned() throws {
        let tree = try nativeEditorTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "app/secret.exe")
        let prefix = try unprivileged(tree)
        #expect(chmod(tree.path + "/app/secret.exe", 0o000) == 0)
        let result = try Armready.run(["scan", "app", "--report", "json"], in: tree.url, prefix: prefix)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        try expectNativeEditorRated(report)
        let diagnostic = try #require(
            report.diagnostics.first { $0["path"] as? String == "secret.exe" }, "\(report.diagnostics)")
        #expect(diagnostic["kind"] as? String == "unreadable")
        #expect(!report.paths.contains("secret.exe"))
        #expect(result.stderr.contains("warning: secret.exe: "), "\(result.stderr)")
    }

    @Test func unreadableDirectoryIsAWarningAndTheRestIsScanned() throws {
        let tree = try nativeEditorTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "app/locked/hidden.exe")
        let prefix = try unprivileged(tree)
        #expect(chmod(tree.path + "/app/locked", 0o700) == 0)
        if prefix.isEmpty { #expect(chmod(tree.path + "/app/locked", 0o000) == 0) }
        let result = try Armready.run(["scan", "app", "--report", "json"], in: tree.url, prefix: prefix)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths == ["core.dll", "editor.exe"])
        let diagnostic = try #require(
            report.diagnostics.first { $0["path"] as? String == "locked" }, "\(report.diagnostics)")
        #expect(diagnostic["kind"] as? String == "unreadable")
        #expect(result.stderr.contains("warning: locked: "), "\(result.stderr)")
    }

    @Test func symlinkLoopIsIgnoredUnlessFollowedAndThenReported() throws {
        let tree = try nativeEditorTree()
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/app/loop", withDestinationPath: ".")
        let plain = try Armready.run(["scan", "app", "--report", "json"], in: tree.url)
        #expect(plain.status == 0, "\(plain.stderr)")
        let plainReport = try ScanJSON(plain)
        #expect(plainReport.paths == ["core.dll", "editor.exe"])
        #expect(plainReport.diagnostics.isEmpty)
        #expect(!plain.stderr.contains("warning:"))

        let followed = try Armready.run(["scan", "app", "--follow-symlinks", "--report", "json"], in: tree.url)
        #expect(followed.status == 0, "\(followed.stderr)")
        let report = try ScanJSON(followed)
        #expect(report.paths == ["core.dll", "editor.exe"])
        let diagnostic = try #require(report.diagnostics.first, "no diagnostic for the loop")
        #expect(diagnostic["kind"] as? String == "symlink-loop")
        #expect(diagnostic["path"] as? String == "loop")
        #expect(followed.stderr.contains("warning: loop: "), "\(followed.stderr)")
    }

    @Test func followedSymlinkToAFileIsScanned() throws {
        let tree = try nativeEditorTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "elsewhere/tool.exe")
        try FileManager.default.createSymbolicLink(
            atPath: tree.path + "/app/tool.exe", withDestinationPath: "../elsewhere/tool.exe")
        let plain = try ScanJSON(try Armready.run(["scan", "app", "--report", "json"], in: tree.url))
        #expect(!plain.paths.contains("tool.exe"))
        let followed = try ScanJSON(
            try Armready.run(["scan", "app", "--follow-symlinks", "--report", "json"], in: tree.url))
        #expect(followed.paths.contains("tool.exe"))
    }

    @Test func fifoIsNeverOpened() throws {
        let tree = try nativeEditorTree()
        #expect(mkfifo(tree.path + "/app/pipe.exe", 0o644) == 0)
        let start = Date()
        let result = try Armready.run(["scan", "app", "--report", "json"], in: tree.url)
        // Opening a FIFO for reading blocks until a writer comes; the run must not wait.
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        try expectNativeEditorRated(report)
        let diagnostic = try #require(
            report.diagnostics.first { $0["path"] as? String == "pipe.exe" }, "\(report.diagnostics)")
        #expect(diagnostic["kind"] as? String == "special-file")
        #expect(result.stderr.contains("warning: pipe.exe: "), "\(result.stderr)")
    }

    @Test func fifoGivenAsTheRootIsNotOpenedEither() throws {
        let tree = try TemporaryTree()
        #expect(mkfifo(tree.path + "/pipe", 0o644) == 0)
        let result = try Armready.run(["scan", "pipe", "--report", "json"], in: tree.url)
        #expect(result.status == 0 || result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("pipe"), "\(result.stderr)")
    }
}
