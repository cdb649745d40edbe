import Foundation
import Readiness
import Testing
@testable import Scanning

/// Scanning a folder that holds a wheel rates the binaries inside it (entries per Python's
/// zipfile in Tests/Fixtures/archives/expected.json).
@Suite("Packages inside the scanned tree")
struct ArchiveScanTests {
    private func scan(archives: Bool) throws -> ScanReport {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-archives-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dist"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let wheel = "mixed-1.0-py3-none-any.whl"
        try FileManager.default.copyItem(
            at: SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/archives/\(wheel)"),
            to: root.appendingPathComponent("dist/\(wheel)"))
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let options = ScanOptions(
            roots: [root.path], rules: rules, target: try TargetProfile.load(), isa: nil, archives: archives,
            today: "2026-01-01", toolVersion: "test")
        return try Scanner.scan(options)
    }

    @Test func theBinariesInsideAWheelAreRated() throws {
        let report = try scan(archives: true)
        let byPath = Dictionary(uniqueKeysWithValues: report.binaries.map { ($0.path, $0) })
        let prefix = "dist/mixed-1.0-py3-none-any.whl!/mixed/"
        #expect(byPath.keys.sorted() == [prefix + "_core.cp312-win_amd64.pyd", prefix + "_core.cp312-win_arm64.pyd", prefix + "libs/tool"])
        #expect(byPath[prefix + "_core.cp312-win_amd64.pyd"]?.findings.first?.rule == "native-extension-not-arm64")
        #expect(byPath[prefix + "_core.cp312-win_arm64.pyd"]?.verdict == .native)
        #expect(byPath[prefix + "libs/tool"]?.execution == .arm64)
        // The SHA-256 of an entry is that of its uncompressed bytes (Python's zipfile + hashlib).
        #expect(byPath[prefix + "_core.cp312-win_amd64.pyd"]?.sha256 == (try Self.entrySHA256("mixed/_core.cp312-win_amd64.pyd")))
        // The package is one application; the executable inside it makes its folder another.
        #expect(report.applications.map(\.id) == ["dist/mixed-1.0-py3-none-any.whl!", "dist/mixed-1.0-py3-none-any.whl!/mixed/libs"])
        #expect(report.summary.notBinary == 1)  // mixed/__init__.py
    }

    @Test func noArchivesLeavesThePackageClosed() throws {
        let report = try scan(archives: false)
        #expect(report.binaries.isEmpty)
        #expect(report.summary.notBinary == 1)
    }

    static func entrySHA256(_ name: String) throws -> String? {
        struct Entry: Decodable { let name: String; let sha256: String }
        let data = try Data(contentsOf: SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/archives/expected.json"))
        return try JSONDecoder().decode([String: [Entry]].self, from: data).values.joined().first { $0.name == name }?.sha256
    }
}
