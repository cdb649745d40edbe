#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// `--exclude` takes gitignore patterns (issue 13), matched against paths relative to each
/// scanned directory; an excluded directory is not entered at all. What each pattern means is
/// checked against git itself in ScanningTests (`ExcludePatternTests`); these runs check that
/// the walk applies them.
@Suite("armready: --exclude")
struct ExcludeTests {
    /// `t/render.exe`, `t/sub/sim.exe`, `t/sub/deep/sim.exe`.
    private func tree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("Renderer/render.exe"), to: "t/render.exe")
        try tree.copy(TemporaryTree.sample("Simulator/sim.exe"), to: "t/sub/sim.exe")
        try tree.copy(TemporaryTree.sample("Simulator/sim.exe"), to: "t/sub/deep/sim.exe")
        return tree
    }

    @Test(
        .timeLimit(.minutes(10)),
        arguments: [
            (["*/sim.exe"], ["render.exe", "sub/deep/sim.exe"]),
            (["**/sim.exe"], ["render.exe"]),
            (["sub/*"], ["render.exe"]),
            (["sim.exe"], ["render.exe"]),
            (["/sim.exe"], ["render.exe", "sub/deep/sim.exe", "sub/sim.exe"]),
            (["deep/"], ["render.exe", "sub/sim.exe"]),
            (["sub/**/sim.exe"], ["render.exe"]),
            (["*.exe", "!render.exe"], ["render.exe"]),
            (["sub/", "!sub/sim.exe"], ["render.exe"]),
            (["sub/*", "!sub/sim.exe"], ["render.exe", "sub/sim.exe"]),
            (["s[tu]b/d??p"], ["render.exe", "sub/sim.exe"]),
        ])
    func patternsSelectWhatIsScanned(patterns: [String], expected: [String]) throws {
        let tree = try tree()
        let result = try Armready.run(
            ["scan", "t", "--report", "json"] + patterns.flatMap { ["--exclude", $0] }, in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ScanJSON(result).paths == expected)
    }

    /// With several roots, patterns still see paths relative to each root, not the prefixed
    /// report path.
    @Test(.timeLimit(.minutes(10)))
    func patternsAreRelativeToEachRoot() throws {
        let tree = try tree()
        try tree.copy(TemporaryTree.sample("Renderer/render.exe"), to: "u/render.exe")
        let result = try Armready.run(
            ["scan", "t", "u", "--exclude", "/render.exe", "--exclude", "/sub/deep", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ScanJSON(result).paths == ["t/sub/sim.exe"])
    }

    /// An excluded directory is never opened: an unreadable directory inside it gives no
    /// warning, while the same scan without the pattern warns.
    @Test(.timeLimit(.minutes(10)))
    func excludedDirectoryIsNotEntered() throws {
        let tree = try tree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "t/vendor/locked/hidden.exe")
        let prefix = try tree.unprivilegedPrefix()
        #expect(chmod(tree.path + "/t/vendor/locked", 0o700) == 0)
        if prefix.isEmpty { #expect(chmod(tree.path + "/t/vendor/locked", 0o000) == 0) }
        let walked = try Armready.run(["scan", "t", "--report", "json"], in: tree.url, prefix: prefix)
        #expect(try ScanJSON(walked).diagnosticKinds == ["unreadable"], "the tree is what the test means")

        for pattern in ["vendor/", "/vendor", "**/vendor/**", "vendor"] {
            let result = try Armready.run(
                ["scan", "t", "--exclude", pattern, "--report", "json"], in: tree.url, prefix: prefix)
            #expect(result.status == 0, "\(result.stderr)")
            let report = try ScanJSON(result)
            #expect(report.paths == ["render.exe", "sub/deep/sim.exe", "sub/sim.exe"], "\(pattern)")
            #expect(report.diagnostics.isEmpty, "\(pattern): \(report.diagnostics)")
        }
    }
}
