import Foundation
import Testing

/// The CI gate end to end: a clean tree passes, and each `--fail-on` level fails exactly on the
/// sample app whose verdict reaches it. The verdicts are Samples/README.md's table (the
/// contract, independent of armready's output): NativeEditor native, Renderer emulated,
/// ShellExt at-risk, Simulator blocked.
@Suite("armready: the gate and exit statuses")
struct GateTests {
    /// Copies one sample app into a fresh tree and scans it with a JSON report on stdout.
    private func scanSample(_ app: String, _ gate: [String]) throws -> (CommandResult, TemporaryTree) {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample(app), to: app)
        let result = try Armready.run(["scan", app, "--report", "json"] + gate, in: tree.url)
        return (result, tree)
    }

    @Test func cleanTreePassesTheStrictestGate() throws {
        let (result, _) = try scanSample("NativeEditor", ["--fail-on", "emulated"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning:"))
        #expect(!result.stderr.contains("error:"))
        #expect(result.stderr.contains("gate passed"), "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.paths == ["core.dll", "editor.exe"])
        #expect(try report.verdict("core.dll") == "native")
        #expect(try report.verdict("editor.exe") == "native")
        #expect(report.gate?["passed"] as? Bool == true)
        #expect(report.failing.isEmpty)
        #expect(report.root["schemaVersion"] as? Int == 1)
    }

    @Test func cleanTreeTableGoesToStandardOutput() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "NativeEditor")
        let result = try Armready.run(["scan", "NativeEditor"], in: tree.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("editor.exe"))
        #expect(result.stdout.contains("core.dll"))
        // Not a terminal: no colour escapes and no progress line.
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(!result.stderr.contains("\u{1B}["))
    }

    /// (sample app, binary, gate that must fail, gate that must pass)
    static let levels: [(String, String, String, String?)] = [
        ("Renderer", "render.exe", "emulated", "at-risk"),
        ("ShellExt", "contextmenu.dll", "at-risk", "blocked"),
        ("Simulator", "sim.exe", "blocked", nil),
    ]

    @Test(arguments: levels)
    func eachLevelTripsItsGateOnly(app: String, binary: String, failing: String, passing: String?) throws {
        let (failed, _) = try scanSample(app, ["--fail-on", failing])
        #expect(failed.status == 1, "\(app) --fail-on \(failing): \(failed.stderr)")
        #expect(failed.stderr.contains("gate failed (1 binary)"), "\(failed.stderr)")
        let failedReport = try ScanJSON(failed)
        #expect(failedReport.failing == [binary])
        #expect(failedReport.gate?["passed"] as? Bool == false)
        #expect(failedReport.gate?["failOn"] as? String == failing)
        if let passing {
            let (passed, _) = try scanSample(app, ["--fail-on", passing])
            #expect(passed.status == 0, "\(app) --fail-on \(passing): \(passed.stderr)")
            #expect(try ScanJSON(passed).failing.isEmpty)
        }
        // No gate at all: always 0, and nothing fails.
        let (ungated, _) = try scanSample(app, [])
        #expect(ungated.status == 0)
        let report = try ScanJSON(ungated)
        #expect(report.failing.isEmpty)
        // docs/json-schema.md: `gate` is "null when no gate was evaluated".
        #expect(report.root["gate"] is NSNull)
    }

    /// A PE cut after its first 0xC0 bytes: the DOS header and `e_lfanew` (0x78, per pefile)
    /// are there, the optional header is not (pefile: "No Optional Header found"), so the
    /// binary cannot be analysed.
    private func truncatedTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        let bytes = try TemporaryTree.fixtureBytes("pe/x64_gui.exe")
        try tree.write(bytes.prefix(0xC0), to: "broken/cut.exe")
        return tree
    }

    @Test func unknownBinaryFailsOnlyWithFailOnUnknown() throws {
        let tree = try truncatedTree()
        let strict = try Armready.run(["scan", "broken", "--fail-on-unknown", "--report", "json"], in: tree.url)
        #expect(strict.status == 1, "\(strict.stderr)")
        let strictReport = try ScanJSON(strict)
        #expect(strictReport.failing == ["cut.exe"])
        // docs/json-schema.md: `failOn` is null when only `failOnUnknown` applies.
        #expect(strictReport.gate?["failOn"] is NSNull)
        #expect(strictReport.gate?["failOnUnknown"] as? Bool == true)

        let lenient = try Armready.run(["scan", "broken", "--fail-on", "blocked", "--report", "json"], in: tree.url)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        let report = try ScanJSON(lenient)
        let binary = try report.binary("cut.exe")
        #expect(binary["verdict"] as? String == "unknown")
        let reason = try #require(binary["reason"] as? String)
        #expect(!reason.isEmpty)
        #expect(report.failing.isEmpty)
    }

    @Test func missingRootIsIncomplete() throws {
        let tree = try TemporaryTree()
        let result = try Armready.run(["scan", "does-not-exist"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains("does-not-exist"))
    }
}
