import Foundation
import Testing

@testable import Readiness

/// `Rules/README.md` documents every fact, generated from `FactCatalog`: the table between
/// its `facts:begin` and `facts:end` markers must be `FactCatalog.markdownTable`.
@Suite struct FactCatalogDocumentationTests {
    static let begin = "<!-- facts:begin (generated from FactCatalog: armready rules facts) -->\n"
    static let end = "<!-- facts:end -->"

    @Test func readmeTableIsTheCatalog() throws {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Rules/README.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "Rules/README.md has no facts:begin marker")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex))
        let table = String(text[start.upperBound..<stop.lowerBound])
        #expect(
            table == FactCatalog.markdownTable,
            "Rules/README.md's fact table is stale: replace it with the output of `armready rules facts`")
    }

    @Test func everyKeyIsListedOnce() {
        let names = FactCatalog.entries.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { FactCatalog.entry($0) != nil })
    }
}
