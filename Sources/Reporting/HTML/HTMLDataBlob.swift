import Foundation
import Scanning

/// The HTML report's data blob: the scan JSON contract's own data, interned.
///
/// The page reads the same document the JSON report writes (docs/json-schema.md), member names
/// and all, so there is no second model to keep in step. `HTMLJSONInterner` writes each repeated
/// value and key set once; `Reports/report.js` walks the tree back into the JSON report's object.
/// The blob is `{"examplesKept":N,"report":{"shapes":...,"tree":...,"values":...}}`, where
/// `examplesKept` is null unless large-report trimming applied.
enum HTMLDataBlob {
    /// Above this many binaries the blob keeps one example location per ISA extension (the
    /// JSON and SARIF reports keep them all), so a 20,000-binary page stays under 15 MB.
    static let largeReportBinaries = 5_000
    /// Example locations kept per extension in a large report.
    static let largeReportExamples = 1

    /// The blob's JSON text for `report`, before script-safe escaping. It depends only on the
    /// report.
    static func json(for report: ScanReport) -> String {
        let large = report.binaries.count > largeReportBinaries
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let document = try? encoder.encode(large ? trimmed(report) : report),
            let interned = HTMLJSONInterner.intern(Array(document))
        else { return "null" }
        let kept = large ? String(largeReportExamples) : "null"
        return #"{"examplesKept":\#(kept),"report":"# + String(decoding: interned, as: UTF8.self) + "}"
    }

    /// `report` with at most `largeReportExamples` example locations per ISA extension.
    static func trimmed(_ report: ScanReport) -> ScanReport {
        var copy = report
        for binary in copy.binaries.indices {
            guard var isa = copy.binaries[binary].isa else { continue }
            for finding in isa.findings.indices where isa.findings[finding].examples.count > largeReportExamples {
                isa.findings[finding].examples.removeSubrange(largeReportExamples...)
            }
            copy.binaries[binary].isa = isa
        }
        return copy
    }
}
