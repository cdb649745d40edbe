import Foundation
import Testing

@testable import Readiness

/// `Generated/EmbeddedRules.swift` must hold exactly the files under `Rules/` on disk.
@Suite struct EmbeddedRulesFreshnessTests {
    @Test func generatedFileMatchesRulesFolder() throws {
        let root = TestSupport.repositoryRoot
        let rules = root.appendingPathComponent("Rules")
        let enumerator = try #require(
            FileManager.default.enumerator(at: rules, includingPropertiesForKeys: [.isRegularFileKey]))
        var onDisk: [String: String] = [:]
        for case let url as URL in enumerator {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true,
                !url.lastPathComponent.hasPrefix(".")
            else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        }
        let embedded = Dictionary(EmbeddedRules.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        let hint = "stale: run python3 scripts/generate-embedded-assets.py"
        #expect(Set(onDisk.keys) == Set(embedded.keys), "\(hint)")
        for (path, text) in onDisk {
            #expect(embedded[path] == text, "\(path) \(hint)")
        }
        #expect(EmbeddedRules.files.map(\.path) == EmbeddedRules.files.map(\.path).sorted())
    }
}
