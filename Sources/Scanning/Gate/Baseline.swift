import Foundation
import Readiness

/// Verdicts recorded by `armready baseline write`, so a later scan fails only on binaries that
/// are new or got worse. Keyed by report path; the SHA-256 tells a rebuilt file from the same one.
package struct Baseline: Sendable, Equatable, Codable {
    package static let currentSchemaVersion = 1

    package struct Entry: Sendable, Equatable, Codable {
        package var path: String
        /// nil when the scan that wrote the baseline computed no digests.
        package var sha256: String?
        package var verdict: Verdict

        package init(path: String, sha256: String?, verdict: Verdict) {
            self.path = path
            self.sha256 = sha256
            self.verdict = verdict
        }
    }

    package var schemaVersion: Int = Baseline.currentSchemaVersion
    package var target: String
    package var binaries: [Entry]

    package init(target: String, binaries: [Entry]) {
        self.target = target
        self.binaries = binaries.sorted { $0.path < $1.path }
    }

    package init(report: ScanReport) {
        self.init(
            target: report.target.name,
            binaries: report.binaries.map { Entry(path: $0.path, sha256: $0.sha256, verdict: $0.verdict) })
    }

    /// Reads a baseline file.
    /// - Throws: `ScanError.badBaseline` with the reason.
    package static func load(path: String) throws(ScanError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badBaseline(path: path, reason: "cannot read the file")
        }
        let baseline: Baseline
        do {
            baseline = try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw .badBaseline(path: path, reason: "not a baseline file (\(error))")
        }
        guard baseline.schemaVersion == currentSchemaVersion else {
            throw .badBaseline(path: path, reason: "unsupported schemaVersion \(baseline.schemaVersion)")
        }
        return baseline
    }

    /// The file's text: sorted keys, one binary per line-block, trailing newline.
    package func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
