import Foundation
import Testing

@testable import Reporting
@testable import Scanning

/// The report of the sample tree, opened in headless Chromium, and the 20,000-binary budget.
///
/// Screenshots (light and dark) and the rendered pages are left in `HTMLChromium.outputFolder`
/// (`$TMPDIR/armready-html-tests`) for a person to look at. With
/// `ARMREADY_WRITE_EXAMPLE_REPORT=1` the sample report is also written to
/// `Reports/example/report.html` (scripts/regenerate-example-report.sh does this).
@Suite(.serialized) struct HTMLChromiumTests {
    @Test func sampleTreeReportInChromium() throws {
        let report = try HTMLSampleReport.samplesTree()
        let html = HTMLRenderer.render(report)
        let file = try HTMLChromium.write(html, name: "samples.html")
        if ProcessInfo.processInfo.environment["ARMREADY_WRITE_EXAMPLE_REPORT"] == "1" {
            try Data(html.utf8).write(to: HTMLSampleReport.repositoryRoot.appendingPathComponent("Reports/example/report.html"))
        }
        let dom = try HTMLChromium.load(file, screenshot: HTMLChromium.outputFolder.appendingPathComponent("samples-light.png"))
        #expect(dom.ready)
        #expect(dom.errors == "")
        // Summary tiles show the counts per verdict.
        for (verdict, count) in report.summary.binariesByVerdict {
            #expect(dom.tiles[verdict] == String(count), "tile \(verdict)")
        }
        #expect(dom.tiles["files"] == String(report.summary.filesExamined))
        // Every application's card carries its verdict from Samples/expected.json.
        #expect(dom.apps.count == report.applications.count)
        #expect(dom.apps["LegacyVPN"] == "blocked")
        #expect(dom.apps["NativeEditor"] == "native")
        #expect(dom.apps["AudioHost"] == "emulated")
        #expect(dom.matching == report.binaries.count)
        #expect(dom.rows.count == report.binaries.count)

        // A verdict filter from the URL narrows the table to exactly the blocked binaries.
        let blocked = report.binaries.filter { $0.verdict == .blocked }
        let filtered = try HTMLChromium.load(file, hash: "v=blocked")
        #expect(filtered.errors == "")
        #expect(filtered.matching == blocked.count)
        #expect(filtered.rows == Array(repeating: "blocked", count: blocked.count))
        #expect(Set(filtered.paths) == Set(blocked.map(\.path)))
        #expect(blocked.count > 0 && blocked.count < report.binaries.count)

        // Free text and execution filters narrow too; a detail view opens from the hash.
        let text = try HTMLChromium.load(file, hash: "q=LegacyVPN&e=x64")
        #expect(Set(text.paths) == Set(report.binaries.filter { $0.path.hasPrefix("LegacyVPN/") && $0.execution == .x64 }.map(\.path)))
        let detail = try HTMLChromium.load(file, hash: "bin=Renderer%2Frender.exe",
            screenshot: HTMLChromium.outputFolder.appendingPathComponent("samples-detail.png"))
        #expect(detail.errors == "")
        #expect(detail.tags["dl"] ?? 0 >= 1)
        let dark = try HTMLChromium.load(file, screenshot: HTMLChromium.outputFolder.appendingPathComponent("samples-dark.png"), dark: true)
        #expect(dark.errors == "")
    }

    /// 20,000 binaries: the file stays under 15 MB and the page is ready within 5 seconds.
    @Test func twentyThousandBinariesStayUsable() throws {
        let report = HTMLReportFactory.large(count: 20_000)
        let started = Date()
        let html = HTMLRenderer.render(report)
        let renderSeconds = Date().timeIntervalSince(started)
        let size = html.utf8.count
        let file = try HTMLChromium.write(html, name: "large-20000.html")
        let dom = try HTMLChromium.load(file, screenshot: HTMLChromium.outputFolder.appendingPathComponent("large-20000.png"), budget: 0)
        print("HTML 20,000 binaries: \(size) bytes, render \(renderSeconds) s, page ready after \(dom.loadMs) ms, Chromium \(dom.seconds) s")
        #expect(size < 15_000_000)
        #expect(dom.ready)
        #expect(dom.errors == "")
        #expect(dom.loadMs > 0 && dom.loadMs < 5_000)
        #expect(dom.matching == 20_000)
        #expect(dom.shown == 200)
        let filtered = try HTMLChromium.load(file, hash: "v=blocked&r=x64-avx-emulated", budget: 0)
        let expected = report.binaries.filter { $0.verdict == .blocked && $0.findings.contains { $0.rule == "x64-avx-emulated" } }
        #expect(filtered.matching == expected.count)
        #expect(filtered.loadMs < 5_000)
    }
}
