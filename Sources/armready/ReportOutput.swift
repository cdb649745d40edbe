import Foundation
import Readiness
import Reporting
import Scanning

/// Renders a finished report in each requested format and writes it.
enum ReportOutput {
    /// Renders `report` as `request` asks and writes all of it to the file or standard output.
    /// - Throws: `OutputError`: `cannot write the json report to standard output: No space left on device`.
    static func write(_ report: ScanReport, request: ReportRequest, settings: ReportSettings) throws(OutputError) {
        let text = render(report, request: request, settings: settings)
        do {
            if let file = request.file {
                try FileDescriptorWriter.writeAtomically(text, to: file)
            } else {
                try FileDescriptorWriter.write(text, to: 1)
            }
        } catch {
            throw OutputError(
                what: "the \(request.format.rawValue) report",
                destination: request.file.map { .file($0) } ?? .standardOutput, reason: error)
        }
    }

    static func render(_ report: ScanReport, request: ReportRequest, settings: ReportSettings) -> String {
        switch request.format {
        case .table:
            let toTerminal = request.file == nil && FileDescriptorWriter.isTerminal(1)
            let useColor =
                settings.color == .always
                || (settings.color == .auto && toTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            return TableRenderer.render(report, color: useColor, width: toTerminal ? terminalWidth() : nil)
        case .json: return ScanJSONRenderer.render(report)
        case .sarif: return SARIFRenderer.render(report, options: settings.sarif)
        case .junit: return JUnitRenderer.render(report)
        case .markdown: return MarkdownRenderer.render(report, maxBytes: settings.markdownMaxBytes)
        case .html:
            // A document for people always says when it was made.
            var dated = report
            if dated.generatedAt == nil { dated.generatedAt = Timestamp.now(explicit: true) }
            return HTMLRenderer.render(dated, template: settings.template)
        }
    }

    /// The text of `--template FILE`.
    static func readTemplate(_ path: String) throws(ScanError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "cannot read the HTML template")
        }
        return text
    }

    /// `N binaries in M applications: …` for standard error.
    static func summaryLine(_ report: ScanReport) -> String {
        let counts = Verdict.allCases.compactMap { verdict -> String? in
            let count = report.summary.binariesByVerdict[verdict.rawValue] ?? 0
            return count > 0 ? "\(count) \(verdict.rawValue)" : nil
        }
        var line =
            Count.of(report.summary.binaries, "binary", "binaries") + " in "
            + Count.of(report.applications.count, "application")
        if !counts.isEmpty { line += ": " + counts.joined(separator: ", ") }
        if let gate = report.gate, gate.failOn != nil || gate.failOnUnknown {
            line +=
                gate.passed ? "; gate passed" : "; gate failed (\(Count.of(gate.failing.count, "binary", "binaries")))"
        }
        return line
    }

    private static func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
