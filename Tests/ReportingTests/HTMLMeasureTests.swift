import Foundation
import Testing

@testable import Reporting
@testable import Scanning

/// Size and speed of the HTML report for a scan JSON file named by `ARMREADY_HTML_MEASURE`
/// (for example a real scan's `--report json=` output), by hand only: the rendered page is left
/// beside it as `.html`, and the numbers are printed.
@Suite struct HTMLMeasureTests {
    static let source = ProcessInfo.processInfo.environment["ARMREADY_HTML_MEASURE"]

    @Test(.enabled(if: source != nil)) func measureScanJSON() throws {
        let path = try #require(Self.source)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        let started = Date()
        let html = HTMLRenderer.render(report)
        let seconds = Date().timeIntervalSince(started)
        let out = URL(fileURLWithPath: path + ".html")
        try Data(html.utf8).write(to: out)
        let dom = try HTMLChromium.load(out, budget: 0)
        // Where the render's time goes: the JSON encoding, the interning of that text, the escaping.
        var clock = Date()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = try encoder.encode(report)
        let encodeSeconds = Date().timeIntervalSince(clock)
        clock = Date()
        let interned = HTMLJSONInterner.intern(Array(document)) ?? []
        let internSeconds = Date().timeIntervalSince(clock)
        clock = Date()
        _ = HTMLEscaping.scriptSafeJSON(String(decoding: interned, as: UTF8.self))
        let escapeSeconds = Date().timeIntervalSince(clock)
        print(
            "HTML \(report.binaries.count) binaries: \(html.utf8.count) bytes, render \(seconds) s (encode \(encodeSeconds) s, intern \(internSeconds) s, escape \(escapeSeconds) s), page ready after \(dom.loadMs) ms"
        )
        #expect(dom.ready)
        #expect(dom.errors == "")
    }
}
