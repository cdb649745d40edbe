#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// `--files-from` (issue 13): the files and directories to scan come from a list, as
/// `find -print0`, `git ls-files -z` or a plain one-per-line file write it. Listed paths are
/// reported as listed, relative to the working directory (the report's root is `.`), a missing
/// entry is a `missing-root` warning, and `--exclude` applies to the entries as to a walk.
/// Verdicts from Samples/README.md (AudioHost's two binaries are x64, Renderer's is native).
@Suite("armready: --files-from")
struct FilesFromTests {
    private func sampleTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "in/AudioHost")
        try tree.copy(TemporaryTree.sample("Renderer"), to: "in/Renderer")
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "other")
        return tree
    }

    @Test(.timeLimit(.minutes(10)))
    func newlineListFromAFileWithAMissingEntry() throws {
        let tree = try sampleTree()
        // `./`, a blank line, a Windows line end and a directory, as lists come.
        try tree.write("./in/AudioHost/host.exe\r\n\nin/Renderer/\nmissing.dll\n", to: "list.txt")
        let result = try Armready.run(["scan", "--files-from", "list.txt", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths == ["in/AudioHost/host.exe", "in/Renderer/render.exe"])
        #expect(report.root["roots"] as? [String] == ["."])
        #expect(report.diagnostics.count == 1)
        let missing = try #require(report.diagnostics.first)
        #expect(missing["kind"] as? String == "missing-root")
        #expect(missing["path"] as? String == "missing.dll")
        #expect(result.stderr.contains("warning: missing.dll: "), "\(result.stderr)")
    }

    @Test(.timeLimit(.minutes(10)))
    func nulListFromStandardInputWithExcludes() throws {
        let tree = try sampleTree()
        let list = Data("in/AudioHost/reverb.dll\0in/AudioHost/host.exe\0in/Renderer\0other\0gone/x.dll\0".utf8)
        let result = try Armready.run(
            ["scan", "--files-from", "-", "-0", "--exclude", "*.exe", "--exclude", "/other/", "--report", "json"],
            in: tree.url, standardInput: list)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths == ["in/AudioHost/reverb.dll"])
        #expect(report.diagnosticKinds == ["missing-root"])
        #expect(report.diagnostics.first?["path"] as? String == "gone/x.dll")

        // Without -0 the NUL-separated list is one name that does not exist.
        let unsplit = try Armready.run(
            ["scan", "--files-from", "-", "--report", "json"], in: tree.url, standardInput: list)
        #expect(unsplit.status == 0, "\(unsplit.stderr)")
        #expect(try ScanJSON(unsplit).paths.isEmpty)
        #expect(try ScanJSON(unsplit).diagnosticKinds == ["missing-root"])
    }

    /// A missing entry below an excluded directory is excluded, not missing.
    @Test func missingEntryBelowAnExcludedDirectoryIsSilent() throws {
        let tree = try sampleTree()
        try tree.write("build/gone.dll\nin/Renderer/render.exe\n", to: "list.txt")
        let result = try Armready.run(
            ["scan", "--files-from", "list.txt", "--exclude", "build/", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths == ["in/Renderer/render.exe"])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }

    /// `find . -print0` lists `.`, every directory and every file: each binary is scanned once.
    @Test(.timeLimit(.minutes(10)))
    func entriesBelowAListedDirectoryAreScannedOnce() throws {
        let tree = try sampleTree()
        let list = Data(".\0./in\0./in/AudioHost\0./in/AudioHost/host.exe\0in/AudioHost/host.exe\0".utf8)
        let result = try Armready.run(
            ["scan", "--files-from", "-", "--null", "--report", "json"], in: tree.url, standardInput: list)
        #expect(result.status == 0, "\(result.stderr)")
        let paths = try ScanJSON(result).paths
        #expect(
            paths == [
                "in/AudioHost/host.exe", "in/AudioHost/reverb.dll", "in/Renderer/render.exe", "other/core.dll",
                "other/editor.exe",
            ])
    }

    /// With a path argument too, every path is relative to the working directory: the
    /// argument's binaries start with its name, as with several arguments.
    @Test(.timeLimit(.minutes(10)))
    func listAndPathArgumentsTogether() throws {
        let tree = try sampleTree()
        try tree.write("in/Renderer/render.exe\n", to: "list.txt")
        let result = try Armready.run(
            ["scan", "other", "--files-from", "list.txt", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths == ["in/Renderer/render.exe", "other/core.dll", "other/editor.exe"])
        #expect(report.root["roots"] as? [String] == ["other", "."])
    }

    /// A listed FIFO is reported without being opened (opening one would block the scan).
    @Test(.timeLimit(.minutes(10)))
    func listedFIFOIsNotOpened() throws {
        let tree = try sampleTree()
        #expect(mkfifo(tree.path + "/pipe.exe", 0o644) == 0)
        try tree.write("pipe.exe\nin/Renderer/render.exe\n", to: "list.txt")
        let result = try Armready.run(["scan", "--files-from", "list.txt", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths == ["in/Renderer/render.exe"])
        #expect(report.diagnosticKinds == ["special-file"])
        #expect(report.diagnostics.first?["path"] as? String == "pipe.exe")
    }

    /// An excluded directory inside a listed one is not entered: its unreadable subdirectory
    /// gives no warning.
    @Test(.timeLimit(.minutes(10)))
    func excludedDirectoryInsideAListedOneIsNotEntered() throws {
        let tree = try sampleTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "other/vendor/locked/hidden.exe")
        try tree.write("other\n", to: "list.txt")
        let prefix = try tree.unprivilegedPrefix()
        #expect(chmod(tree.path + "/other/vendor/locked", 0o700) == 0)
        if prefix.isEmpty { #expect(chmod(tree.path + "/other/vendor/locked", 0o000) == 0) }
        let walked = try Armready.run(
            ["scan", "--files-from", "list.txt", "--report", "json"], in: tree.url, prefix: prefix)
        #expect(try ScanJSON(walked).diagnosticKinds == ["unreadable"], "the tree is what the test means")

        let excluded = try Armready.run(
            ["scan", "--files-from", "list.txt", "--exclude", "other/vendor/", "--report", "json"], in: tree.url,
            prefix: prefix)
        #expect(excluded.status == 0, "\(excluded.stderr)")
        let report = try ScanJSON(excluded)
        #expect(report.paths == ["other/core.dll", "other/editor.exe"])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }

    @Test func nullWithoutAListIsAUsageError() throws {
        let result = try Armready.run(["scan", ".", "-0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--files-from"), "\(result.stderr)")
    }

    @Test func unreadableListStopsTheScan() throws {
        let tree = try TemporaryTree()
        let result = try Armready.run(["scan", "--files-from", "absent.txt"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: absent.txt: cannot read the --files-from list"), "\(result.stderr)")
    }
}
