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
        print(
            "HTML \(report.binaries.count) binaries: \(html.utf8.count) bytes, render \(seconds) s, page ready after \(dom.loadMs) ms"
        )
        #expect(dom.ready)
        #expect(dom.errors == "")
    }
}
