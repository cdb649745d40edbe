import Foundation
import InstructionSets
import Readiness
import Testing
@testable import Scanning

/// The analysis cache changes how fast a scan is, never what it says: a cached scan of the
/// sample tree equals an uncached one, a damaged entry is analysed again and rewritten, and
/// entries of another armready build or other instruction-set options are not used.
@Suite("Analysis cache")
struct AnalysisCacheTests {
    private func scan(cache: AnalysisCache?, isa: ISAOptions? = ISAOptions()) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        var options = ScanOptions(
            roots: [SampleTreeVerdictTests.samples], rules: rules, target: try TargetProfile.load(), isa: isa,
            today: "2026-01-01", toolVersion: "test")
        options.cache = cache
        return try Scanner.scan(options)
    }

    private func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("armready-cache-\(UUID().uuidString)").path
    }

    private func entries(_ folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func aCachedScanSaysWhatAnUncachedOneSays() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = AnalysisCache(directory: folder, fingerprint: "test")
        let uncached = try scan(cache: nil)
        let filling = try scan(cache: cache)
        let written = entries(folder)
        let reusing = try scan(cache: cache)
        #expect(filling == uncached)
        #expect(reusing == uncached)
        // One entry per distinct content (the two ReportViewer executables differ in resources).
        #expect(written.count == Set(uncached.binaries.compactMap(\.sha256)).count)
        #expect(written.allSatisfy { $0.hasPrefix("v1/test/isa-") })
        #expect(entries(folder) == written)
    }

    @Test func aDamagedEntryIsAnalysedAgainAndRewritten() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = AnalysisCache(directory: folder, fingerprint: "test")
        let uncached = try scan(cache: cache)
        let first = try #require(entries(folder).first)
        let path = folder + "/" + first
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data("{\"format\": 17".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try scan(cache: cache) == uncached)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
    }

    @Test func anotherBuildOrOtherOptionsUseTheirOwnEntries() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try scan(cache: AnalysisCache(directory: folder, fingerprint: "old-build"))
        let headers = try scan(cache: AnalysisCache(directory: folder, fingerprint: "new-build"), isa: nil)
        #expect(headers == (try scan(cache: nil, isa: nil)))
        let prefixes = Set(entries(folder).map { $0.split(separator: "/").prefix(3).joined(separator: "/") })
        #expect(prefixes.contains { $0.hasPrefix("v1/old-build/isa-") })
        #expect(prefixes.contains("v1/new-build/headers"))
    }
}
