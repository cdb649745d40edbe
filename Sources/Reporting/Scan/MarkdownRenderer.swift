import Readiness
import Scanning

/// Renders a finished scan as GitHub-flavoured Markdown for pull-request comments and
/// `$GITHUB_STEP_SUMMARY`: overall verdict and gate, counts per verdict, notes (baseline,
/// expired suppressions, files not scanned), then worst first: alike findings grouped
/// (`MarkdownFindingGroup`), one table row per application, and a collapsible `<details>`
/// block per binary that does not run natively, and the package tree of each installer or
/// package that holds packages or members left unrated (`MarkdownPackageTree`).
///
/// The document stays under `maxBytes` (GitHub drops a whole step summary over 1 MiB): what
/// does not fit is left out in whole rows and blocks (`MarkdownPage`), and a last paragraph
/// says how many and points to the JSON and HTML reports, which have everything.
///
/// Every string that came from a file, a file name or a rule goes through
/// `MarkdownEscaper.inline`, which also makes it safe inside the raw HTML of `<details>`.
package enum MarkdownRenderer {
    /// Under GitHub's 1 MiB step-summary limit, with room for what other steps add.
    package static let defaultMaxBytes = 1_000_000
    /// Room for the heading, the counts, the notes and the cut note.
    package static let minimumMaxBytes = 4_096
    /// Paths shown per finding group, gate and baseline list.
    static let examples = 5

    package static func render(_ report: ScanReport, maxBytes: Int = defaultMaxBytes) -> String {
        let groups = MarkdownFindingGroup.groups(report)
        let applications = report.applications.sorted { lhs, rhs in
            lhs.verdict != rhs.verdict ? lhs.verdict > rhs.verdict : (lhs.name, lhs.id) < (rhs.name, rhs.id)
        }
        let notNative = report.binaries.filter { $0.verdict != .native }.enumerated().sorted { lhs, rhs in
            lhs.element.verdict != rhs.element.verdict
                ? lhs.element.verdict > rhs.element.verdict : lhs.offset < rhs.offset
        }.map(\.element)
        let trees = MarkdownPackageTree.trees(report)
        let totals = Omitted(
            groups: groups.count, applications: applications.count, binaries: notNative.count, packages: trees.count)
        // The cut note can never be longer than with everything left out.
        var page = MarkdownPage(
            maxBytes: maxBytes, reserve: MarkdownPage.size(cutNote(totals, of: totals, maxBytes: maxBytes)))

        page.always(header(report))
        page.always(notes(report))
        var omitted = Omitted()
        omitted.groups = page.section(heading: ["", "### Findings", ""], units: groups.map { [line($0)] })
        omitted.applications = page.section(
            heading: [
                "", "### Applications", "", "| Application | Verdict | Binaries | First reason |", "|---|---|---:|---|",
            ],
            units: applications.map { [row($0)] })
        omitted.binaries = page.section(
            heading: ["", "### Binaries that do not run natively", ""], units: notNative.map(details), between: [""])
        omitted.packages = page.section(
            heading: ["", "### Packages", ""], units: trees.map { $0.lines() }, between: [""])
        if omitted.any { page.always(cutNote(omitted, of: totals, maxBytes: maxBytes)) }
        return page.text
    }

    /// How many units of each section were left out (or, for the totals, there are).
    struct Omitted {
        var groups = 0
        var applications = 0
        var binaries = 0
        var packages = 0
        var any: Bool { groups + applications + binaries + packages > 0 }
    }

    static func cutNote(_ omitted: Omitted, of totals: Omitted, maxBytes: Int) -> [String] {
        var parts: [String] = []
        if omitted.groups > 0 {
            parts.append("\(Count.formatted(omitted.groups)) of \(Count.of(totals.groups, "finding group"))")
        }
        if omitted.applications > 0 {
            parts.append("\(Count.formatted(omitted.applications)) of \(Count.of(totals.applications, "application"))")
        }
        if omitted.binaries > 0 {
            parts.append(
                "the details of \(Count.formatted(omitted.binaries)) of \(Count.of(totals.binaries, "binary", "binaries")) "
                    + "that do not run natively")
        }
        if omitted.packages > 0 {
            parts.append(
                "the package trees of \(Count.formatted(omitted.packages)) of \(Count.of(totals.packages, "package"))")
        }
        return [
            "",
            "**Cut to fit \(Count.formatted(maxBytes)) bytes** (`--markdown-max-bytes`): left out "
                + parts.joined(separator: ", ")
                + ". The HTML and JSON reports (`--report html=FILE`, `--report json=FILE`) list everything.",
        ]
    }

    static func e(_ text: String) -> String { MarkdownEscaper.inline(text) }

    static func header(_ report: ScanReport) -> [String] {
        let summary = report.summary
        var lines = [
            "## armready: \(summary.overall.rawValue)", "",
            "Target: **\(e(report.target.name))** (\(e(report.target.title))). "
                + "\(Count.of(summary.binaries, "binary", "binaries")) in "
                + "\(Count.of(report.applications.count, "application")); "
                + "\(Count.of(summary.filesExamined, "file")) examined.",
        ]
        if let gate = report.gate { lines += ["", gateLine(gate)] }
        lines += ["", "| Verdict | Binaries | Applications |", "|---|---:|---:|"]
        for verdict in Verdict.allCases {
            let binaries = Count.formatted(summary.binariesByVerdict[verdict.rawValue] ?? 0)
            let applications = Count.formatted(summary.applicationsByVerdict[verdict.rawValue] ?? 0)
            lines.append("| \(verdict.rawValue) | \(binaries) | \(applications) |")
        }
        return lines
    }

    static func gateLine(_ gate: GateResult) -> String {
        guard let failOn = gate.failOn else {
            return gate.failOnUnknown ? "Gate (fail on unknown): **\(gate.passed ? "passed" : "failed")**" : "Gate: off"
        }
        let scope = "fail on \(failOn.rawValue)\(gate.failOnUnknown ? " or unknown" : "")"
        if gate.passed { return "Gate (\(scope)): **passed**" }
        return "Gate (\(scope)): **failed**: \(Count.of(gate.failing.count, "binary", "binaries")) ("
            + examples(gate.failing) + ")"
    }

    /// The first few of `paths`, escaped and shortened, and how many more there are.
    static func examples(_ paths: [String]) -> String {
        let shown = paths.prefix(examples).map { e(shortened($0)) }.joined(separator: ", ")
        return paths.count > examples ? shown + " and \(Count.formatted(paths.count - examples)) more" : shown
    }

    /// A path cut in the middle (on character boundaries) to at most `limit` characters.
    static func shortened(_ path: String, limit: Int = 160) -> String {
        guard path.count > limit else { return path }
        let keep = (limit - 1) / 2
        return String(path.prefix(keep)) + "…" + String(path.suffix(limit - 1 - keep))
    }

    static func line(_ group: MarkdownFindingGroup) -> String {
        let count = Count.of(group.members.count, "binary", "binaries")
        var text =
            "- **\(group.verdict.rawValue)**\(group.suppressed ? " (suppressed)" : "") · \(count): "
            + "\(e(group.title)) (\(e(group.rule)))."
        let shown = group.members.prefix(examples).map { member in
            e(shortened(member.path)) + (member.detail.map { " (\(e($0)))" } ?? "")
        }
        text += " " + shown.joined(separator: ", ")
        if group.members.count > examples { text += " and \(Count.formatted(group.members.count - examples)) more" }
        text += "."
        if let remediation = group.remediation { text += " Remediation: \(e(remediation))" }
        return text
    }

    static func row(_ application: ApplicationResult) -> String {
        let reason =
            application.reasons.first.map { "\(e($0.rule)) on \(e($0.binary)): \(e($0.message))" } ?? "-"
        return "| \(e(application.name)) | \(application.verdict.rawValue) | "
            + "\(Count.formatted(application.binaries.count)) | \(reason) |"
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

    /// Expired suppressions, the baseline comparison and files not scanned: short, so always shown.
    static func notes(_ report: ScanReport) -> [String] {
        var lines: [String] = []
        let expired = report.suppressions.filter(\.expired)
        if !expired.isEmpty {
            lines += ["", "### Expired suppressions", ""]
            for status in expired.prefix(examples * 2) {
                lines.append(
                    "- \(e(status.rule)) on \(e(shortened(status.binary))): expired \(e(status.expires ?? "?")) "
                        + "(\(e(status.reason)))")
            }
            if expired.count > examples * 2 {
                lines.append("- and \(Count.formatted(expired.count - examples * 2)) more (listed in the JSON report)")
            }
        }
        if let baseline = report.baseline {
            lines += ["", "### Baseline", ""]
            lines.append(
                "Compared with \(e(baseline.file)): \(Count.formatted(baseline.new.count)) new, "
                    + "\(Count.formatted(baseline.worse.count)) worse, \(Count.formatted(baseline.improved.count)) "
                    + "improved, \(Count.formatted(baseline.removed.count)) removed.")
            for (label, paths) in [("New", baseline.new), ("Worse", baseline.worse), ("Improved", baseline.improved)]
            where !paths.isEmpty {
                lines.append("- \(label): " + examples(paths))
            }
        }
        let partial = report.diagnostics.filter(\.isPartial).count
        let skipped = report.diagnostics.filter(\.isSkipped).count
        if skipped > 0 {
            lines += ["", "\(Count.of(skipped, "file")) could not be scanned (listed in the JSON report)."]
        }
        if partial > 0 {
            lines += ["", "\(Count.of(partial, "file")) scanned in part (listed in the JSON report)."]
        }
        return lines
    }
}
