import Readiness
import Scanning

/// Builds `tool.driver.rules` from the findings of a report: one descriptor per rule id that
/// appears, sorted by id, plus the pseudo-rules armready uses for unanalysable binaries and
/// application-level reasons.
///
/// A rule's metadata (title, verdict, remediation, references) is the same on every finding of
/// that rule, so the first finding in report order describes it.
struct SARIFRuleCatalog: Sendable {
    /// Rule id of the result every `unknown` binary gets.
    static let unanalysableRule = ApplicationAssessor.unanalysableRule

    private(set) var rules: [SARIFRule] = []
    private var indexByID: [String: Int] = [:]

    init(report: ScanReport, extraReasons: [ApplicationReason]) {
        var byID: [String: SARIFRule] = [:]
        for binary in report.binaries {
            for finding in binary.findings where byID[finding.rule] == nil {
                byID[finding.rule] = Self.descriptor(for: finding)
            }
        }
        for reason in extraReasons where byID[reason.rule] == nil {
            byID[reason.rule] = Self.descriptor(forApplicationRule: reason.rule, verdict: reason.verdict)
        }
        if report.binaries.contains(where: { $0.verdict == .unknown }) {
            byID[Self.unanalysableRule] = Self.unanalysableDescriptor()
        }
        rules = byID.keys.sorted().compactMap { byID[$0] }
        for (index, rule) in rules.enumerated() {
            indexByID[rule.id] = index
        }
    }

    /// The rule's position in `rules` (SARIF `ruleIndex`), or -1 when the id is not listed
    /// (never for ids this catalog was built from).
    func index(of id: String) -> Int {
        indexByID[id] ?? -1
    }

    /// SARIF level of a verdict: blocked is an error, at-risk and unknown warnings, emulated a
    /// note, native none (native findings are listed as rules but produce no results).
    static func level(for verdict: Verdict) -> String {
        switch verdict {
        case .blocked: "error"
        case .atRisk, .unknown: "warning"
        case .emulated: "note"
        case .native: "none"
        }
    }

    /// GitHub's `problem.severity`: error, warning or recommendation.
    static func problemSeverity(for verdict: Verdict) -> String {
        switch verdict {
        case .blocked: "error"
        case .atRisk, .unknown: "warning"
        case .emulated, .native: "recommendation"
        }
    }

    static func descriptor(for finding: Finding) -> SARIFRule {
        let title = finding.title.isEmpty ? finding.rule : finding.title
        let remediation = finding.remediation.isEmpty ? "No remediation given." : finding.remediation
        var helpText =
            "\(title). Verdict: \(finding.verdict.rawValue) (\(meaning(of: finding.verdict))).\n\nRemediation: \(remediation)"
        var helpMarkdown =
            "**\(markdownText(title))**\n\nVerdict: `\(finding.verdict.rawValue)` (\(meaning(of: finding.verdict))).\n\n**Remediation:** \(markdownText(remediation))"
        if !finding.references.isEmpty {
            helpText +=
                "\n\nReferences:\n" + finding.references.map { "- \($0.title): \($0.url)" }.joined(separator: "\n")
            helpMarkdown +=
                "\n\n**References:**\n\n"
                + finding.references.map { "- [\(markdownText($0.title))](<\($0.url)>)" }.joined(separator: "\n")
        }
        return SARIFRule(
            id: finding.rule, name: pascalCase(finding.rule),
            shortDescription: SARIFMessage(text: title),
            fullDescription: SARIFMessage(
                text:
                    "\(title). A binary this rule matches \(meaning(of: finding.verdict)) (verdict \(finding.verdict.rawValue))."
            ),
            help: SARIFMultiformatMessage(text: helpText, markdown: helpMarkdown),
            helpUri: finding.references.first?.url,
            defaultConfiguration: SARIFConfiguration(level: level(for: finding.verdict)),
            properties: SARIFRuleProperties(
                tags: ["armready", "windows-on-arm", finding.verdict.rawValue],
                precision: finding.confidence.rawValue, problemSeverity: problemSeverity(for: finding.verdict)
            )
        )
    }

    static func descriptor(forApplicationRule id: String, verdict: Verdict) -> SARIFRule {
        let text =
            "Application-level problem: the application cannot use this binary as it is (\(meaning(of: verdict)))."
        return SARIFRule(
            id: id, name: pascalCase(id), shortDescription: SARIFMessage(text: "Application-level: \(id)"),
            fullDescription: SARIFMessage(text: text),
            help: SARIFMultiformatMessage(
                text: text + " The result message names the dependency or host involved.",
                markdown: markdownText(text) + " The result message names the dependency or host involved."
            ),
            helpUri: nil, defaultConfiguration: SARIFConfiguration(level: level(for: verdict)),
            properties: SARIFRuleProperties(
                tags: ["armready", "windows-on-arm", "application", verdict.rawValue], precision: "medium",
                problemSeverity: problemSeverity(for: verdict)
            )
        )
    }

    static func unanalysableDescriptor() -> SARIFRule {
        let text = "armready could not analyse this binary (malformed or unsupported), so its readiness is unknown."
        let remediation =
            "Check that the file is a complete PE or ELF image; the result message gives the exact reason."
        return SARIFRule(
            id: unanalysableRule, name: "Unanalysable",
            shortDescription: SARIFMessage(text: "Binary could not be analysed"),
            fullDescription: SARIFMessage(text: text),
            help: SARIFMultiformatMessage(
                text: "\(text)\n\nRemediation: \(remediation)", markdown: "\(text)\n\n**Remediation:** \(remediation)"),
            helpUri: nil, defaultConfiguration: SARIFConfiguration(level: level(for: .unknown)),
            properties: SARIFRuleProperties(
                tags: ["armready", "windows-on-arm", "unknown"], precision: "high", problemSeverity: "warning")
        )
    }

    static func meaning(of verdict: Verdict) -> String {
        switch verdict {
        case .native: "runs as Arm64 code"
        case .emulated: "runs through Prism emulation"
        case .atRisk: "may run, but a known condition can stop or break it"
        case .blocked: "cannot run on the target"
        case .unknown: "could not be analysed"
        }
    }

    /// `x86-avx512-required` → `X86Avx512Required`: SARIF's friendly rule name.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// Rule text in help.markdown: Markdown and HTML punctuation as character references.
    static func markdownText(_ text: String) -> String {
        MarkdownEscaper.inline(text)
    }
}
