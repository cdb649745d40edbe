import Foundation
import Testing

/// `--report FORMAT=FILE`: every requested report is written, through a temporary name and a
/// rename that leaves nothing behind; an impossible destination is exit 2 with a sentence; and
/// the same input gives the same bytes (README, "Determinism").
@Suite("armready: report files and determinism")
struct ReportFileTests {
    @Test func writesEveryRequestedReportAndNoTemporaryFiles() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("Renderer"), to: "in/Renderer")
        try FileManager.default.createDirectory(
            at: tree.url.appendingPathComponent("out"), withIntermediateDirectories: true)
        let result = try Armready.run(
            ["scan", "in", "--report", "json=out/a.json", "--report", "sarif=out/b.sarif", "--fail-on", "emulated"],
            in: tree.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The summary goes to standard error when no table goes to standard output.
        #expect(
            result.stderr.contains("1 binaries in 1 applications") || result.stderr.contains("1 binary"),
            "\(result.stderr)")
        #expect(try tree.entries(in: "out") == ["a.json", "b.sarif"])
        let json = try tree.json(at: "out/a.json")
        #expect(json["schemaVersion"] as? Int == 1)
        let sarif = try tree.json(at: "out/b.sarif")
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
    }

    @Test func overwritesAnExistingReport() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "in")
        try tree.write("old contents", to: "a.json")
        let result = try Armready.run(["scan", "in", "--report", "json=a.json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try tree.json(at: "a.json")["schemaVersion"] as? Int == 1)
        #expect(try tree.entries() == ["a.json", "in"])
    }

    @Test func missingReportDirectoryIsIncomplete() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "in")
        let result = try Armready.run(["scan", "in", "--report", "json=missing/a.json"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let errorLine = try #require(
            result.stderr.split(separator: "\n").first { $0.hasPrefix("error: ") }, "\(result.stderr)")
        #expect(errorLine.hasPrefix("error: cannot write the json report to missing/a.json"), "\(errorLine)")
        #expect(try tree.entries() == ["in"])
        // Style rule 9: `error: <path>: <sentence>`, without the temporary file's name.
        #expect(!errorLine.contains("Error Domain"), "\(errorLine)")
        #expect(!errorLine.contains(".tmp"), "\(errorLine)")
        #expect(errorLine.hasSuffix("No such file or directory"), "\(errorLine)")
    }

    @Test func baselineToAMissingDirectoryIsIncomplete() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "in")
        let result = try Armready.run(["baseline", "write", "missing/base.json", "in"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: cannot write missing/base.json: "), "\(result.stderr)")
        #expect(try tree.entries() == ["in"])
    }

    @Test func reportOntoADirectoryIsIncompleteAndLeavesNothingBehind() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "in")
        let result = try Armready.run(["scan", "in", "--report", "json=in"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error: cannot write the json report to in"), "\(result.stderr)")
        #expect(try tree.entries() == ["in"])
        #expect(try tree.entries(in: "in") == ["core.dll", "editor.exe", "notes.txt"])
    }

    @Test func sourceDateEpochPutsTheTimeInTheReport() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "in")
        // 2021-01-01T00:00:00Z.
        let result = try Armready.run(
            ["scan", "in", "--report", "json", "-q"], in: tree.url, environment: ["SOURCE_DATE_EPOCH": "1609459200"])
        #expect(result.status == 0)
        #expect(try ScanJSON(result).root["generatedAt"] as? String == "2021-01-01T00:00:00Z")
    }

    @Test func quietSilencesTheSummary() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "in")
        let result = try Armready.run(["scan", "in", "--quiet", "--report", "json"], in: tree.url)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    /// Two runs over the whole sample tree: identical JSON and SARIF bytes, no time in them.
    @Test func sameInputGivesTheSameBytes() throws {
        let first = try Armready.run(["scan", "Samples", "--report", "json", "--quiet"], in: Armready.packageRoot)
        let second = try Armready.run(
            ["scan", "Samples", "--report", "json", "--quiet", "-j", "1"], in: Armready.packageRoot)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(!first.stdoutData.isEmpty)
        #expect(first.stdoutData == second.stdoutData)
        let report = try ScanJSON(first)
        #expect(report.root["generatedAt"] is NSNull)
        #expect(!first.stdout.contains(Armready.packageRoot.path), "absolute path in the report")
        #expect(report.paths == report.paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })

        let sarifA = try Armready.run(["scan", "Samples", "--report", "sarif", "--quiet"], in: Armready.packageRoot)
        let sarifB = try Armready.run(["scan", "Samples", "--report", "sarif", "--quiet"], in: Armready.packageRoot)
        #expect(sarifA.stdoutData == sarifB.stdoutData)
    }

    /// The sample tree's application verdicts, read from Samples/expected.json (the contract,
    /// recorded from independent tools and the reference), match the scan.
    @Test func sampleApplicationVerdictsMatchTheContract() throws {
        let expectedData = try Data(contentsOf: TemporaryTree.sample("expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let applications = try #require(expected["applications"] as? [String: [String: Any]])
        let result = try Armready.run(["scan", "Samples", "--report", "json", "--quiet"], in: Armready.packageRoot)
        let report = try ScanJSON(result)
        let scanned = try #require(report.root["applications"] as? [[String: Any]])
        for (name, app) in applications {
            let verdict = try #require(app["verdict"] as? String)
            let found = scanned.first { $0["id"] as? String == name }
            // README notes: ShellExt may be at-risk or blocked.
            let allowed = name == "ShellExt" ? ["at-risk", "blocked"] : [verdict]
            #expect(
                allowed.contains(found?["verdict"] as? String ?? "missing"),
                "\(name): \(found?["verdict"] ?? "missing") vs \(verdict)")
        }
    }
}
