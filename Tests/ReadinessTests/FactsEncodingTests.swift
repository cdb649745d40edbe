import Foundation
import Testing

@testable import Readiness

/// Facts encode as a flat JSON object of plain values.
@Suite struct FactsEncodingTests {
    @Test func encodesPlainValues() throws {
        let facts = Facts([
            "machine": .int(34404), "pe.dll": .bool(true), "imports": .list(["a.dll"]), "format": .string("pe"),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(facts), as: UTF8.self)
        #expect(text == #"{"format":"pe","imports":["a.dll"],"machine":34404,"pe.dll":true}"#)
    }
}
