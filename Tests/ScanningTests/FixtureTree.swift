import Foundation
import InstructionSets
import Readiness
@testable import Scanning

/// Small trees assembled from copies of the fixtures, and a header-level scan of them with the
/// built-in rules on the default target.
enum FixtureTree {
    static let fixtures = SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures")

    /// Copies each fixture (path under Tests/Fixtures) to its destination under a new
    /// temporary directory, and returns that directory.
    static func make(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-tree-\(UUID().uuidString)")
        for (destination, source) in files {
            let target = root.appendingPathComponent(destination)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(source), to: target)
        }
        return root
    }

    static func scan(_ root: URL) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let options = ScanOptions(
            roots: [root.path], rules: rules, target: try TargetProfile.load(), isa: nil, today: "2026-01-01",
            toolVersion: "test")
        return try Scanner.scan(options)
    }
}
