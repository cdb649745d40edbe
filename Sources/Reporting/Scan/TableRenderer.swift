import Readiness
import Scanning

/// The default terminal output of `armready scan`, in the manner of trivy and grype: one row
/// per binary (verdict, execution, kind, path, main reason), grouped under each application
/// with the application's verdict, then summary lines with counts and the gate result.
///
/// Every string from a file name or a rule passes through `TerminalText.sanitized`, so a name
/// cannot carry escape sequences to the terminal. Colour (plain ANSI SGR codes) only when asked.
package enum TableRenderer {
    struct Row {
        var verdict: Verdict
        var execution: String
        var kind: String
        var path: String
        var reason: String
    }

    static let indent = "  "
    static let gap = "  "

    /// - Parameters:
    ///   - color: wrap verdicts and the gate result in ANSI colours.
    ///   - width: terminal columns; long paths are shortened in the middle and reasons at the
    ///     end to fit. Nil: never truncate (output to a file or pipe).
    package static func render(_ report: ScanReport, color: Bool, width: Int?) -> String {
        let style = TableStyle(enabled: color)
        let groups = report.applicationsWithBinaries
        let rows = groups.flatMap(\.binaries).map(row)
        let columns = TableColumns(rows: rows, width: width, fixedIndent: TerminalText.width(indent))

        var lines: [String] = []
        lines.append(
            clip(TerminalText.sanitized("Target: \(report.target.name) (\(report.target.title))"), width))
        lines.append("")
        lines.append(style.bold(indent + columns.header()))
        for group in groups {
            let verdict = group.application.verdict
            let title =
                "\(group.application.title) (\(group.binaries.count) binar\(group.binaries.count == 1 ? "y" : "ies"))"
            let plain = clip(TerminalText.sanitized(title), width.map { $0 - 2 - verdict.rawValue.count })
            lines.append(style.bold(plain) + "  " + style.verdict(verdict, verdict.rawValue))
            for binary in group.binaries {
                lines.append(indent + columns.line(for: row(binary), style: style))
            }
        }
        lines.append("")
        lines += TableSummary.lines(report, style: style)
        return lines.map { line in
            let trimmed = line.trailingSpacesTrimmed
            return width.map { TerminalText.clipped(trimmed, to: max($0, 1)) } ?? trimmed
        }.joined(separator: "\n") + "\n"
    }

    static func row(_ binary: BinaryResult) -> Row {
        var execution = binary.execution.rawValue
        if let share = binary.details?.nativeCodeShare, share.isFinite {
            execution += " \(Int((min(max(share, 0), 1) * 100).rounded()))%"
        }
        return Row(
            verdict: binary.verdict, execution: execution, kind: binary.kind?.rawValue ?? "-",
            path: TerminalText.sanitized(binary.path), reason: TerminalText.sanitized(mainReason(binary)))
    }

    /// The reason a person reads first: the unknown reason, else the worst unsuppressed
    /// finding, else the worst suppressed one, marked.
    static func mainReason(_ binary: BinaryResult) -> String {
        if binary.verdict == .unknown {
            return binary.reason ?? "no rule decided the verdict"
        }
        if let finding = binary.findings.first(where: { $0.suppression == nil }) {
            return "\(finding.rule): \(finding.title)"
        }
        if let finding = binary.findings.first {
            return "\(finding.rule): \(finding.title) [suppressed]"
        }
        return "-"
    }

    static func clip(_ text: String, _ width: Int?) -> String {
        guard let width else { return text }
        return TerminalText.truncatedEnd(text, to: max(width, 1))
    }
}

extension String {
    /// Without trailing spaces (padding of the last column), so goldens and pipes stay clean.
    var trailingSpacesTrimmed: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
