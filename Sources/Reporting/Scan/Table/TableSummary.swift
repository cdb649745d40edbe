import Readiness
import Scanning

/// The lines under the scan table: counts per verdict, gate, suppressions, baseline, skipped files.
enum TableSummary {
    static func lines(_ report: ScanReport, style: TableStyle) -> [String] {
        let summary = report.summary
        var lines: [String] = []
        lines.append(
            "\(summary.binaries) binar\(summary.binaries == 1 ? "y" : "ies"): "
                + counts(summary.binariesByVerdict, style: style))
        lines.append(
            "\(report.applications.count) application\(report.applications.count == 1 ? "" : "s"): "
                + counts(summary.applicationsByVerdict, style: style))
        lines.append("Overall: " + style.verdict(summary.overall, summary.overall.rawValue))
        if let gate = report.gate {
            lines.append(gateLine(gate, style: style))
        }
        let expired = report.suppressions.filter(\.expired)
        if !expired.isEmpty {
            let names = expired.map { "\($0.rule) on \($0.binary) (expired \($0.expires ?? "?"))" }
            lines.append(
                TerminalText.sanitized(
                    "\(expired.count) suppression\(expired.count == 1 ? "" : "s") expired: "
                        + names.joined(separator: ", ")))
        }
        if let baseline = report.baseline {
            lines.append(
                TerminalText.sanitized(
                    "Baseline \(baseline.file): \(baseline.new.count) new, \(baseline.worse.count) worse, "
                        + "\(baseline.improved.count) improved, \(baseline.removed.count) removed"))
        }
        let partial = report.diagnostics.filter(\.isPartial).count
        let skipped = report.diagnostics.filter(\.isSkipped).count
        if skipped > 0 {
            lines.append("\(skipped) file\(skipped == 1 ? "" : "s") not scanned (listed in the JSON report)")
        }
        if partial > 0 {
            lines.append("\(partial) file\(partial == 1 ? "" : "s") scanned in part (listed in the JSON report)")
        }
        return lines
    }

    /// `native 4, emulated 2, …` over the whole scale, zeros included, in scale order.
    static func counts(_ byVerdict: [String: Int], style: TableStyle) -> String {
        Verdict.allCases.map { verdict in
            style.verdict(verdict, verdict.rawValue) + " \(byVerdict[verdict.rawValue] ?? 0)"
        }.joined(separator: ", ")
    }

    static func gateLine(_ gate: GateResult, style: TableStyle) -> String {
        guard let failOn = gate.failOn else {
            return gate.failOnUnknown
                ? "Gate (fail on unknown): " + (gate.passed ? style.passed("passed") : style.failed("FAILED"))
                : "Gate: off"
        }
        let scope = "fail on \(failOn.rawValue)\(gate.failOnUnknown ? " or unknown" : "")"
        if gate.passed {
            return "Gate (\(scope)): " + style.passed("passed")
        }
        let count = gate.failing.count
        return "Gate (\(scope)): " + style.failed("FAILED") + " (\(count) binar\(count == 1 ? "y" : "ies"))"
    }
}
