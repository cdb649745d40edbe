import Foundation
import Testing

@testable import Reporting

/// `Generated/EmbeddedReportAssets.swift` must hold exactly `Reports/report.{html,css,js}` on disk.
@Suite struct HTMLAssetsFreshnessTests {
    @Test func generatedFileMatchesReportsFolder() throws {
        let root = HTMLSampleReport.repositoryRoot
        let hint = "stale: run python3 scripts/embed-report-assets.py"
        #expect(
            EmbeddedReportAssets.files.map(\.path) == [
                "Reports/report.css", "Reports/report.html", "Reports/report.js",
            ])
        for file in EmbeddedReportAssets.files {
            let onDisk = try String(contentsOf: root.appendingPathComponent(file.path), encoding: .utf8)
                .replacingOccurrences(of: "\r\n", with: "\n")
            #expect(file.contents == onDisk, "\(file.path) \(hint)")
        }
    }

    /// The stylesheet and script are inlined raw, so they must not close their own element.
    @Test func assetsCannotCloseTheirElements() {
        #expect(!EmbeddedReportAssets.script.lowercased().contains("</script"))
        #expect(!EmbeddedReportAssets.stylesheet.lowercased().contains("</style"))
        #expect(!EmbeddedReportAssets.script.contains("innerHTML"))
        for placeholder in HTMLRenderer.placeholders {
            #expect(EmbeddedReportAssets.template.contains("{{\(placeholder)}}"))
        }
    }
}
