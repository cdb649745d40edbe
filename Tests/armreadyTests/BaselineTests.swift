import Foundation
import Testing

/// `baseline write` then `scan --baseline` (README, "Baselines"): the gate fails only on
/// binaries that are new or worse than recorded, and the report lists what improved.
///
/// The tree starts with an x64 EXE and an x64 DLL (machine 0x8664 per pefile, so emulated);
/// the DLL is then replaced by an ARM64 one (0xAA64, native: improved) and a second x64 EXE is
/// added (new).
@Suite("armready: baselines")
struct BaselineTests {
    private func recordedTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "app/app.exe")
        try tree.copy(TemporaryTree.fixture("pe/x64_exports.dll"), to: "app/plugin.dll")
        let written = try Armready.run(["baseline", "write", "base.json", "app"], in: tree.url)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(written.stderr.contains("wrote 2 binaries to base.json"), "\(written.stderr)")
        return tree
    }

    /// The DLL becomes ARM64; optionally a new x64 EXE appears.
    private func change(_ tree: TemporaryTree, addNew: Bool) throws {
        try FileManager.default.removeItem(at: tree.url.appendingPathComponent("app/plugin.dll"))
        try tree.copy(TemporaryTree.fixture("pe/arm64_lib.dll"), to: "app/plugin.dll")
        if addNew { try tree.copy(TemporaryTree.fixture("pe/x64_pdata.exe"), to: "app/newtool.exe") }
    }

    @Test func baselineFileRecordsEachBinary() throws {
        let tree = try recordedTree()
        let baseline = try tree.json(at: "base.json")
        #expect(baseline["schemaVersion"] as? Int == 1)
        let binaries = try #require(baseline["binaries"] as? [[String: Any]])
        #expect(binaries.compactMap { $0["path"] as? String } == ["app.exe", "plugin.dll"])
        #expect(binaries.allSatisfy { $0["verdict"] as? String == "emulated" })
        #expect(try tree.entries() == ["app", "base.json"])
    }

    @Test func failsOnlyOnTheNewBinaryAndListsTheImprovedOne() throws {
        let tree = try recordedTree()
        try change(tree, addNew: true)
        let result = try Armready.run(
            ["scan", "app", "--baseline", "base.json", "--fail-on", "emulated", "--report", "json"], in: tree.url)
        #expect(result.status == 1, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.failing == ["newtool.exe"])
        let baseline = try #require(report.baseline)
        #expect(baseline["file"] as? String == "base.json")
        #expect(baseline["new"] as? [String] == ["newtool.exe"])
        #expect(baseline["improved"] as? [String] == ["plugin.dll"])
        #expect(baseline["worse"] as? [String] == [])
        #expect(baseline["removed"] as? [String] == [])
        #expect(try report.binary("newtool.exe")["baselineStatus"] as? String == "new")
        #expect(try report.binary("plugin.dll")["baselineStatus"] as? String == "improved")
        #expect(try report.binary("app.exe")["baselineStatus"] as? String == "unchanged")
        // Still emulated, but recorded: not failing.
        #expect(try report.verdict("app.exe") == "emulated")
    }

    @Test func passesWhenNothingIsNewOrWorse() throws {
        let tree = try recordedTree()
        try change(tree, addNew: false)
        let result = try Armready.run(
            ["scan", "app", "--baseline", "base.json", "--fail-on", "emulated", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.failing.isEmpty)
        #expect(report.baseline?["improved"] as? [String] == ["plugin.dll"])
    }

    @Test func removedBinaryIsListed() throws {
        let tree = try recordedTree()
        try FileManager.default.removeItem(at: tree.url.appendingPathComponent("app/plugin.dll"))
        let result = try Armready.run(["scan", "app", "--baseline", "base.json", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ScanJSON(result).baseline?["removed"] as? [String] == ["plugin.dll"])
    }

    @Test func unreadableBaselineIsIncomplete() throws {
        let tree = try recordedTree()
        try tree.write("{\"not\": \"a baseline\"}", to: "bad.json")
        for file in ["bad.json", "missing.json"] {
            let result = try Armready.run(["scan", "app", "--baseline", file, "--fail-on", "blocked"], in: tree.url)
            #expect(result.status == 2, "\(file): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("error: \(file): "), "\(result.stderr)")
        }
    }
}
