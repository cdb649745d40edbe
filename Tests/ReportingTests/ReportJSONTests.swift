import Foundation
import Readiness
import Scanning
import Testing

@testable import Reporting

@Suite("Report JSON")
struct ReportJSONTests {
    let json = ScanJSONRenderer.render(SampleReport.make())

    func decoded() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func matchesGolden() {
        GoldenFile.check(json, name: "sample.json")
    }

    @Test func endsWithNewlineAndIsDeterministic() {
        #expect(json.hasSuffix("}\n"))
        #expect(ScanJSONRenderer.render(SampleReport.make()) == json)
    }

    /// The contract keeps the model's member names: the output reads back into the same report.
    @Test func decodesBackIntoTheSameReport() throws {
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(json.utf8))
        #expect(report == SampleReport.make())
    }

    /// Documented optional members are present as `null` (docs/json-schema.md).
    @Test func absentMembersAreNull() throws {
        let document = try decoded()
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["generatedAt"] is NSNull)
        let binaries = try #require(document["binaries"] as? [[String: Any]])
        #expect(binaries.count == 12)
        let required = [
            "path", "pathIsLossy", "sha256", "size", "application", "format", "machine", "machineName", "execution",
            "kind", "bits", "verdict", "reason", "warnings", "findings", "details", "isa", "baselineStatus",
            "packagedIn",
        ]
        for binary in binaries {
            #expect(Set(binary.keys) == Set(required), "\(binary["path"] ?? "?")")
            for finding in binary["findings"] as? [[String: Any]] ?? [] {
                #expect(
                    Set(finding.keys) == [
                        "rule", "title", "verdict", "confidence", "message", "remediation", "references", "source",
                        "suppression",
                    ])
            }
        }
        let broken = try #require(binaries.first { $0["path"] as? String == "Broken/broken.dll" })
        #expect(broken["machine"] is NSNull)
        #expect(broken["kind"] is NSNull)
        #expect(broken["isa"] is NSNull)
        #expect(broken["verdict"] as? String == "unknown")
        #expect(broken["reason"] as? String == "e_lfanew points past end of file (0x1f000 > 0x400)")
        let avx = try #require(binaries.first { $0["path"] as? String == "PhotoEditor/filters/avx512.dll" })
        let isa = try #require(avx["isa"] as? [String: Any])
        #expect((isa["x86"] as? [String: Int])?["avx512f"] == 12)
        let examples = (isa["findings"] as? [[String: Any]])?.flatMap { $0["examples"] as? [[String: Any]] ?? [] } ?? []
        #expect(examples.contains { $0["function"] is NSNull })
        let reasons =
            (document["applications"] as? [[String: Any]])?.flatMap { $0["reasons"] as? [[String: Any]] ?? [] } ?? []
        #expect(reasons.contains { $0["dependency"] is NSNull })
        #expect(reasons.contains { $0["dependency"] as? String == "helper32.exe" })
    }

    @Test func summaryTargetAndGate() throws {
        let document = try decoded()
        let summary = try #require(document["summary"] as? [String: Any])
        let byVerdict = try #require(summary["binariesByVerdict"] as? [String: Int])
        #expect(byVerdict == ["native": 5, "emulated": 3, "at-risk": 1, "blocked": 2, "unknown": 1])
        #expect(summary["overall"] as? String == "blocked")
        #expect((document["target"] as? [String: Any])?["name"] as? String == "copilot-plus-pc")
        let gate = try #require(document["gate"] as? [String: Any])
        #expect(gate["failOn"] as? String == "blocked")
        #expect(gate["passed"] as? Bool == false)
    }

    /// docs/report.schema.json accepts the output, checked by `jsonschema`.
    @Test func validatesAgainstDocumentedSchema() throws {
        try #require(
            ExternalTool.hasJSONSchema, "python3 jsonschema missing: run scripts/setup.sh (python3-jsonschema)")
        let output = try ExternalTool.validate(json, schema: "docs/report.schema.json", name: "sample.json")
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    @Test func nonFiniteSharesBecomeNull() throws {
        var report = SampleReport.make()
        report.summary.hybridNativeShare = .nan
        report.binaries[0].details = BinaryDetails(nativeCodeShare: .infinity)
        let text = ScanJSONRenderer.render(report)
        let document = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((document["summary"] as? [String: Any])?["hybridNativeShare"] is NSNull)
    }
}
