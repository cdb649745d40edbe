import Foundation
import Readiness
import Testing

@testable import Reporting
@testable import Scanning

/// The report of a directory of a thousand alike binaries stays readable: on a desktop, on a
/// 390 px phone and on paper (issue 13).
///
/// It scans `/usr/lib/x86_64-linux-gnu` (without ISA decoding, as `--no-isa`): about 1,100 x86-64
/// ELF files, most of them in one application whose reasons all say "x86-64 ELF does not run in
/// WSL2". Where that directory holds fewer than 500 binaries, a synthetic report of the same shape
/// stands in; the synthetic report is also checked on its own, so the stand-in is known to work.
/// Screenshots and the PDF are left in `HTMLChromium.outputFolder` to look at.
@Suite(.serialized) struct HTMLScaleTests {
    static let directory = "/usr/lib/x86_64-linux-gnu"

    static func report(scan: Bool) throws -> ScanReport {
        if scan, FileManager.default.fileExists(atPath: directory) {
            let options = ScanOptions(
                roots: [directory], rules: try RuleSet.load(), target: try TargetProfile.load(), isa: nil,
                today: "2026-01-15", generatedAt: "2026-01-15T09:30:00Z", toolVersion: "0.0.0-test")
            let scanned = try Scanner.scan(options)
            if scanned.binaries.count >= 500 { return scanned }
        }
        return HTMLReportFactory.alikeLibraries(count: 1_100)
    }

    /// What the page shows at most, whatever the number of binaries: the first 60 application
    /// cards (report.js `APPS_SHOWN`) and 200 table rows (`PAGE_SIZE`).
    static let cardsShown = 60
    static let rowsShown = 200

    /// An upper bound for one card: its head (about 150 px) and, per distinct reason it shows,
    /// at most 250 px (a message of up to five lines, three binaries and the "more" line) — at
    /// 390 px, where everything wraps most. Without grouping a card grows by a line per binary.
    static func cardBound(_ app: ApplicationResult) -> Int {
        let distinct = Set(app.reasons.map { [$0.verdict.rawValue, $0.rule, $0.message, $0.dependency ?? ""] })
        return 150 + 250 * distinct.count
    }

    @Test(.timeLimit(.minutes(10)), arguments: [true, false])
    func thousandAlikeBinariesStayReadable(scan: Bool) throws {
        let report = try Self.report(scan: scan)
        let name = scan ? "alike" : "alike-synthetic"
        // The grouping has something to do: one application repeats one reason for hundreds.
        let largest = try #require(report.applications.max { $0.reasons.count < $1.reasons.count })
        let repeats = Dictionary(grouping: largest.reasons, by: \.message).values.map(\.count).max() ?? 0
        #expect(repeats >= 300, "the largest application repeats its commonest reason \(repeats) times")

        let file = try HTMLChromium.write(HTMLRenderer.render(report), name: name + ".html")
        let folder = HTMLChromium.outputFolder
        let desktop = try HTMLChromium.load(
            file, screenshot: folder.appendingPathComponent(name + "-desktop.png"), budget: 0, viewport: "1400,1000",
            pdf: folder.appendingPathComponent(name + "-print.pdf"))
        #expect(desktop.ready)
        #expect(desktop.errors == "")
        // Grouped: no card says the same reason twice, and every card is on the page.
        for app in report.applications.prefix(Self.cardsShown) {
            let texts = try #require(desktop.reasons[app.id], "card \(app.id)")
            #expect(Set(texts).count == texts.count, "card \(app.id) repeats a reason")
        }
        #expect(desktop.classes["group-count"] ?? 0 >= 1)

        let phone = try HTMLChromium.load(
            file, budget: 0, viewport: "390,800",
            viewportScreenshot: folder.appendingPathComponent(name + "-390.png"))
        let cards = report.applications.prefix(Self.cardsShown).map(Self.cardBound).reduce(0, +)
        let rows = min(report.binaries.count, Self.rowsShown)
        // Header, banner, tiles, charts, headings, controls, pager and footer: under 2,000 px on
        // one 390 px column; a table row is at most 100 px (a path of four wrapped lines).
        let heightBound = 2_000 + cards + rows * 100
        for (name, dom) in [("desktop", desktop), ("390 px", phone)] {
            let layout = try #require(dom.layout, "\(name) layout")
            print(
                "HTML \(report.binaries.count) binaries at \(name): \(layout.scrollHeight) px tall (bound \(heightBound))"
            )
            #expect(layout.ready)
            #expect(layout.scrollHeight <= heightBound, "\(name) page height")
        }
        let narrow = try #require(phone.layout)
        #expect(narrow.viewportWidth == 390)
        #expect(narrow.scrollWidth <= 390, "the page scrolls sideways at 390 px")

        // On Letter paper (about 980 px of page height at 96 dpi): two pages of summary, the cards
        // (every one, two columns, so one column's bound is generous) and every binary at most
        // two lines (36 px), 25 a page.
        let pages = try #require(desktop.layout?.pdfPages)
        let pageBound =
            2 + Int((Double(report.applications.map(Self.cardBound).reduce(0, +)) / 980).rounded(.up))
            + Int((Double(report.binaries.count) / 25).rounded(.up))
        print("HTML \(report.binaries.count) binaries printed: \(pages) pages (bound \(pageBound))")
        #expect(pages >= 1 && pages <= pageBound)
    }
}
