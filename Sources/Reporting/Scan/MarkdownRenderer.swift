import Readiness
import Scanning

/// Renders a finished scan as GitHub-flavoured Markdown for pull-request comments and
/// `$GITHUB_STEP_SUMMARY`: overall verdict and gate, counts per verdict, one table row per
/// application with its first reason, and a collapsible `<details>` block per binary that does
/// not run natively.
///
/// Every string that came from a file, a file name or a rule goes through
/// `MarkdownEscaper.inline`, which also makes it safe inside the raw HTML of `<details>`.
package enum MarkdownRenderer {
    package static func render(_ report: ScanReport) -> String {
        var lines: [String] = []
        let summary = report.summary
        lines.append("## armready: \(summary.overall.rawValue)")
        lines.append("")
        lines.append(
            "Target: **\(e(report.target.name))** (\(e(report.target.title))). "
                + "\(summary.binaries) binaries in \(report.applications.count) applications; "
                + "\(summary.filesExamined) files examined.")
        if let gate = report.gate {
            lines.append("")
            lines.append(gateLine(gate))
        }
        lines.append("")
        lines.append("| Verdict | Binaries | Applications |")
        lines.append("|---|---:|---:|")
        for verdict in Verdict.allCases {
            let binaries = summary.binariesByVerdict[verdict.rawValue] ?? 0
            let applications = summary.applicationsByVerdict[verdict.rawValue] ?? 0
            lines.append("| \(verdict.rawValue) | \(binaries) | \(applications) |")
        }
        if !report.applications.isEmpty {
            lines += [
                "", "### Applications", "", "| Application | Verdict | Binaries | First reason |", "|---|---|---:|---|",
            ]
            for application in report.applications {
                let reason =
                    application.reasons.first.map { "\(e($0.rule)) on \(e($0.binary)): \(e($0.message))" } ?? "-"
                lines.append(
                    "| \(e(application.name)) | \(application.verdict.rawValue) | \(application.binaries.count) | \(reason) |"
                )
            }
        }
        let notNative = report.binaries.filter { $0.verdict != .native }
        if !notNative.isEmpty {
            lines += ["", "### Binaries that do not run natively", ""]
            for (index, binary) in notNative.enumerated() {
                if index > 0 { lines.append("") }
                lines += details(binary)
            }
        }
        lines += notes(report)
        return lines.joined(separator: "\n") + "\n"
    }

    static func e(_ text: String) -> String { MarkdownEscaper.inline(text) }

    static func gateLine(_ gate: GateResult) -> String {
        guard let failOn = gate.failOn else {
            return gate.failOnUnknown ? "Gate (fail on unknown): **\(gate.passed ? "passed" : "failed")**" : "Gate: off"
        }
        let scope = "fail on \(failOn.rawValue)\(gate.failOnUnknown ? " or unknown" : "")"
        if gate.passed { return "Gate (\(scope)): **passed**" }
        return "Gate (\(scope)): **failed**: " + gate.failing.map(e).joined(separator: ", ")
    }

    static func details(_ binary: BinaryResult) -> [String] {
        var lines = ["<details>", "<summary>\(binary.verdict.rawValue): \(e(binary.path))</summary>", ""]
        var facts = "Execution \(binary.execution.rawValue), kind \(binary.kind?.rawValue ?? "unknown")"
        if let share = binary.details?.nativeCodeShare, share.isFinite {
            facts += ", native code \(Int((min(max(share, 0), 1) * 100).rounded()))%"
        }
        lines.append(facts + (binary.sha256.map { ", SHA-256 \(e($0))." } ?? "."))
        lines.append("")
        if let reason = binary.reason {
            lines.append("- **unknown**: \(e(reason))")
        }
        for finding in binary.findings where finding.verdict != .native {
            var line = "- **\(finding.verdict.rawValue)** \(e(finding.rule)): \(e(finding.message))"
            if let suppression = finding.suppression {
                line +=
                    " *(suppressed: \(e(suppression.reason))\(suppression.expires.map { ", until \(e($0))" } ?? ""))*"
            }
            lines.append(line)
            lines.append("  - Remediation: \(e(finding.remediation))")
        }
        lines += ["", "</details>"]
        return lines
    }

    static func notes(_ report: ScanReport) -> [String] {
        var lines: [String] = []
        let expired = report.suppressions.filter(\.expired)
        if !expired.isEmpty {
            lines += ["", "### Expired suppressions", ""]
            for status in expired {
                lines.append(
                    "- \(e(status.rule)) on \(e(status.binary)): expired \(e(status.expires ?? "?")) (\(e(status.reason)))"
                )
            }
        }
        if let baseline = report.baseline {
            lines += ["", "### Baseline", ""]
            lines.append(
                "Compared with \(e(baseline.file)): \(baseline.new.count) new, \(baseline.worse.count) worse, "
                    + "\(baseline.improved.count) improved, \(baseline.removed.count) removed.")
            for (label, paths) in [("New", baseline.new), ("Worse", baseline.worse), ("Improved", baseline.improved)]
            where !paths.isEmpty {
                lines.append("- \(label): " + paths.map(e).joined(separator: ", "))
            }
        }
        let partial = report.diagnostics.filter(\.isPartial).count
        if report.diagnostics.count > partial {
            lines += [
                "", "\(report.diagnostics.count - partial) files could not be scanned; the JSON report lists them.",
            ]
        }
        if partial > 0 {
            lines += ["", "\(partial) files were scanned in part; the JSON report lists them."]
        }
        return lines
    }
}
