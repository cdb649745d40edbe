import Foundation
import Readiness
import Scanning
import Testing

@testable import Reporting

@Suite("Report SARIF")
struct ReportSARIFTests {
    let sarif = SARIFRenderer.render(SampleReport.make())

    func decoded() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    }

    func run() throws -> [String: Any] {
        let runs = try #require(try decoded()["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test func matchesGolden() {
        GoldenFile.check(sarif, name: "sample.sarif")
    }

    @Test func isDeterministic() {
        #expect(SARIFRenderer.render(SampleReport.make()) == sarif)
    }

    /// The SARIF 2.1.0 JSON schema (OASIS errata01) accepts the log, checked by `jsonschema`.
    /// A missing validator is a failure, not a skip: scripts/setup.sh installs it for CI.
    @Test func validatesAgainstSARIFSchema() throws {
        try #require(
            ExternalTool.hasJSONSchema, "python3 jsonschema missing: run scripts/setup.sh (python3-jsonschema)")
        let output = try ExternalTool.validate(sarif, name: "sample.sarif")
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    /// The validator is not vacuous: a result without a message and with a bad level is rejected.
    @Test func validatorRejectsBrokenSARIF() throws {
        try #require(
            ExternalTool.hasJSONSchema, "python3 jsonschema missing: run scripts/setup.sh (python3-jsonschema)")
        let broken = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
              "results": [{"ruleId": "r", "level": "fatal"}]}]}
            """
        let output = try ExternalTool.validate(broken, name: "broken.sarif")
        #expect(output.status == 1)
        #expect(output.stdout.contains("message"))
    }

    @Test func headerAndRun() throws {
        let log = try decoded()
        #expect(log["version"] as? String == "2.1.0")
        let run = try run()
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "armready")
        #expect(driver["version"] as? String == "0.0.0-test")
        #expect(driver["informationUri"] as? String == "https://github.com/armready/armready")
        #expect((run["automationDetails"] as? [String: Any])?["id"] as? String == "armready/copilot-plus-pc/")
        let bases = try #require(run["originalUriBaseIds"] as? [String: Any])
        #expect(bases["%SRCROOT%"] != nil)
    }

    /// GitHub code scanning's requirements for every result (ci-and-reports.md §3).
    @Test func everyResultIsUsableByGitHub() throws {
        let run = try run()
        let rules = try #require(
            (run["tool"] as? [String: Any]).flatMap { ($0["driver"] as? [String: Any])?["rules"] as? [[String: Any]] })
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        let results = try #require(run["results"] as? [[String: Any]])
        // Non-native findings: avx512.dll 2, filter.sys 1, PhotoEditor.exe 1, legacy.dll 2,
        // R&D tool 1, helper32 1; broken.dll unanalysable 1; Viewer.exe application reason 1.
        #expect(results.count == 10)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleIDs.contains(ruleID))
            #expect((result["ruleIndex"] as? Int).map { ruleIDs[$0] } == ruleID)
            let text = (result["message"] as? [String: Any])?["text"] as? String
            #expect(text?.trimmingCharacters(in: .whitespaces).isEmpty == false)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(uri.hasPrefix("dist/"))
            #expect(!uri.contains("://") && !uri.contains(" ") && !uri.contains("<"))
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 1)
            let fingerprint = (result["partialFingerprints"] as? [String: String])?["armready/v1"] ?? ""
            #expect(fingerprint.count == 64 && fingerprint.allSatisfy(\.isHexDigit))
        }
        for rule in rules {
            for key in ["shortDescription", "fullDescription"] {
                let text = (rule[key] as? [String: Any])?["text"] as? String
                #expect(text?.isEmpty == false)
            }
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["text"]?.isEmpty == false)
            #expect(help["markdown"]?.isEmpty == false)
            #expect(rule["defaultConfiguration"] != nil)
            #expect(((rule["properties"] as? [String: Any])?["tags"] as? [String])?.isEmpty == false)
        }
        let levels = Dictionary(
            uniqueKeysWithValues: rules.map {
                ($0["id"] as? String ?? "", ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String)
            })
        #expect(levels["x86-avx512-required"] == "error")
        #expect(levels["x64-plugin-arm64-host"] == "warning")
        #expect(levels["pe-x64-emulated"] == "note")
        #expect(levels["pe-arm64-native"] == "none")
        #expect(levels["armready/unanalysable"] == "warning")
    }

    /// `armready/v1` = SHA-256 of `ruleId:fileSha256`, checked with coreutils' sha256sum.
    @Test func fingerprintMatchesSha256sum() throws {
        let results = try #require(try run()["results"] as? [[String: Any]])
        let first = try #require(results.first { $0["ruleId"] as? String == "x86-avx512-required" })
        let expected = try ExternalTool.run(["sha256sum"], input: "x86-avx512-required:" + SampleReport.hash("a5"))
        let hex = String(expected.stdout.prefix(64))
        #expect((first["partialFingerprints"] as? [String: String])?["armready/v1"] == hex)
    }

    @Test func suppressedFindingCarriesExternalSuppression() throws {
        let results = try #require(try run()["results"] as? [[String: Any]])
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let suppression = try #require((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppressed.first?["ruleId"] as? String == "x64-plugin-arm64-host")
        #expect(suppression["kind"] as? String == "external")
        #expect(suppression["justification"] as? String == "Loaded only by the x64 host until the Arm64 port ships")
        #expect((suppression["properties"] as? [String: Any])?["expires"] as? String == "2027-06-30")
    }

    @Test func hostileNamesArePercentEncoded() throws {
        let results = try #require(try run()["results"] as? [[String: Any]])
        let uris = results.compactMap {
            (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])?[
                "artifactLocation"]
                as? [String: Any])?["uri"] as? String
        }
        #expect(uris.contains("dist/Tools/R%26D%20%EF%BF%BDtool.exe"))
        #expect(!sarif.contains("<script>"))
    }

    @Test func uriPrefixFollowsASingleRelativeRoot() {
        #expect(SARIFRenderer.uriPrefix(roots: ["dist"]) == "dist/")
        #expect(SARIFRenderer.uriPrefix(roots: ["./build//out/"]) == "build/out/")
        #expect(SARIFRenderer.uriPrefix(roots: ["."]) == "")
        #expect(SARIFRenderer.uriPrefix(roots: ["/opt/app"]) == "")
        #expect(SARIFRenderer.uriPrefix(roots: ["../x"]) == "")
        #expect(SARIFRenderer.uriPrefix(roots: ["a", "b"]) == "")
    }

    @Test func noResultsStillValid() throws {
        var report = SampleReport.make()
        report.binaries = report.binaries.filter { $0.verdict == .native }
        report.applications = []
        let text = SARIFRenderer.render(report)
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect((runs.first?["results"] as? [Any])?.isEmpty == true)
    }
}
