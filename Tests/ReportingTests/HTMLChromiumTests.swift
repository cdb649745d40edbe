import Foundation
import Readiness
import Testing

@testable import Reporting
@testable import Scanning

/// The report of the sample tree, opened in headless Chromium, and the 20,000-binary budget.
///
/// Screenshots (light and dark) and the rendered pages are left in `HTMLChromium.outputFolder`
/// (`$TMPDIR/armready-html-tests`) for a person to look at.
@Suite(.serialized) struct HTMLChromiumTests {
    @Test func sampleTreeReportInChromium() throws {
        let report = try HTMLSampleReport.scanned()
        #expect(report.binaries.count == 21)  // the PE and ELF files listed in Samples/README.md
        let html = HTMLRenderer.render(report)
        let file = try HTMLChromium.write(html, name: "samples.html")
        let dom = try HTMLChromium.load(
            file, screenshot: HTMLChromium.outputFolder.appendingPathComponent("samples-light.png"))
        #expect(dom.ready)
        #expect(dom.errors == "")
        // Summary tiles show the counts per verdict.
        for (verdict, count) in report.summary.binariesByVerdict {
            #expect(dom.tiles[verdict] == String(count), "tile \(verdict)")
        }
        #expect(dom.tiles["files"] == String(report.summary.filesExamined))
        // Every application's card carries the scan's verdict; the clear-cut ones are also the
        // verdicts Samples/expected.json (Samples/README.md) requires.
        #expect(dom.apps.count == report.applications.count)
        for app in report.applications {
            #expect(dom.apps[app.id] == app.verdict.rawValue, "\(app.id)")
        }
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
        let expectedText = report.binaries.filter { $0.path.hasPrefix("LegacyVPN/") && $0.execution == .x64 }.map(
            \.path)
        #expect(!expectedText.isEmpty)
        #expect(Set(text.paths) == Set(expectedText))
        let detail = try HTMLChromium.load(
            file, hash: "q=render.exe&bin=Renderer%2Frender.exe",
            screenshot: HTMLChromium.outputFolder.appendingPathComponent("samples-detail.png"), windowSize: "1400,2600")
        #expect(detail.errors == "")
        #expect(detail.paths == ["Renderer/render.exe"])
        #expect(detail.tags["dl"] ?? 0 >= 1)
        let dark = try HTMLChromium.load(
            file, screenshot: HTMLChromium.outputFolder.appendingPathComponent("samples-dark.png"), dark: true)
        #expect(dark.errors == "")
    }

    /// A Burn bundle (Tests/Fixtures/installers/engine-burn-chain.exe, whose chain burn-chain-build.py
    /// wrote): its card shows the package tree, container1 holding the x86 helper and the Arm64
    /// MSI with its three binaries, and the x64 MSI as a member not rated. A flat MSI has no tree.
    @Test func aBundleCardShowsItsPackageTree() throws {
        let installers = HTMLSampleReport.repositoryRoot.appendingPathComponent("Tests/Fixtures/installers")
        let report = try Scanner.scan(
            ScanOptions(
                roots: ["engine-burn-chain.exe", "msi-x64.msi"].map { installers.appendingPathComponent($0).path },
                rules: try RuleSet.load(), target: try TargetProfile.load(), isa: nil, today: "2026-01-15",
                generatedAt: "2026-01-15T09:30:00Z", toolVersion: "0.0.0-test"))
        let bundle = try #require(report.applications.first { $0.id.hasSuffix("engine-burn-chain.exe!") })
        #expect(bundle.binaries.count == 4)
        let file = try HTMLChromium.write(HTMLRenderer.render(report), name: "package-tree.html")
        let dom = try HTMLChromium.load(file)
        #expect(dom.errors == "")
        #expect(dom.classes["package-tree"] == 1)
        #expect(dom.classes["tree-package"] == 2)  // container1, and arm64/Contoso.msi inside it
        #expect(dom.classes["tree-binary"] == 4)
        #expect(dom.classes["tree-skipped"] == 1)  // x64/Contoso.msi, InstallCondition NativeMachine = 34404
    }

    /// The shared renderer sample (`SampleReport.make()`): every verdict, a suppressed finding,
    /// an expired suppression, a baseline, diagnostics, a `<script>` and a lossy file name.
    @Test func rendererSampleReportInChromium() throws {
        let report = SampleReport.make()
        let file = try HTMLChromium.write(HTMLRenderer.render(report), name: "sample-report.html")
        let all = try HTMLChromium.load(
            file, screenshot: HTMLChromium.outputFolder.appendingPathComponent("sample-report.png"),
            windowSize: "1400,3600")
        #expect(all.ready)
        #expect(all.errors == "")
        #expect(all.tags["script"] == 2)
        #expect(Set(all.paths) == Set(report.binaries.map(\.path)))
        for (verdict, count) in report.summary.binariesByVerdict {
            #expect(all.tiles[verdict] == String(count), "tile \(verdict)")
        }
        let suppressed = try HTMLChromium.load(
            file, hash: "q=legacy.dll&bin=PhotoEditor%2Fplugins%2Flegacy.dll",
            screenshot: HTMLChromium.outputFolder.appendingPathComponent("sample-report-suppressed.png"),
            windowSize: "1400,3600")
        #expect(suppressed.errors == "")
        #expect(suppressed.paths == ["PhotoEditor/plugins/legacy.dll"])
        #expect(suppressed.classes["warnings"] == nil)
        // PhotoEditor.exe carries one read warning: its detail lists it.
        let damaged = try HTMLChromium.load(
            file, hash: "q=PhotoEditor.exe&bin=PhotoEditor%2FPhotoEditor.exe",
            screenshot: HTMLChromium.outputFolder.appendingPathComponent("sample-report-warnings.png"),
            windowSize: "1400,3600")
        #expect(damaged.errors == "")
        #expect(damaged.classes["warnings"] == 1)
    }

    /// 20,000 binaries: the file stays under 15 MB and the page is ready within 5 seconds.
    @Test func twentyThousandBinariesStayUsable() throws {
        let report = HTMLReportFactory.large(count: 20_000)
        let started = Date()
        let html = HTMLRenderer.render(report)
        let renderSeconds = Date().timeIntervalSince(started)
        let size = html.utf8.count
        let file = try HTMLChromium.write(html, name: "large-20000.html")
        let dom = try HTMLChromium.load(
            file, screenshot: HTMLChromium.outputFolder.appendingPathComponent("large-20000.png"), budget: 0)
        print(
            "HTML 20,000 binaries: \(size) bytes, render \(renderSeconds) s, page ready after \(dom.loadMs) ms, Chromium \(dom.seconds) s"
        )
        #expect(size < 15_000_000)
        #expect(dom.ready)
        #expect(dom.errors == "")
        #expect(dom.loadMs > 0 && dom.loadMs < 5_000)
        #expect(dom.matching == 20_000)
        #expect(dom.shown == 200)
        let filtered = try HTMLChromium.load(file, hash: "v=blocked&r=x64-avx-emulated", budget: 0)
        let expected = report.binaries.filter {
            $0.verdict == .blocked && $0.findings.contains { $0.rule == "x64-avx-emulated" }
        }
        #expect(filtered.matching == expected.count)
        #expect(filtered.loadMs < 5_000)
    }
}
