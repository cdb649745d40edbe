import BinaryFormats

/// One rule that fired for a binary, with its message rendered from the binary's facts: what
/// the evaluator returns and what every report lists, as the JSON contract writes it.
package struct Finding: Sendable, Equatable, Codable {
    /// The rule's id.
    package var rule: String
    package var title: String
    package var verdict: Verdict
    package var confidence: Confidence
    package var message: String
    package var remediation: String
    package var references: [Rule.Reference]
    /// The rule's file: `Rules/<id>.yaml` for built-ins, the user's file otherwise.
    package var source: String
    /// Set when a configured suppression silenced this finding for the CI gate.
    @Nullable package var suppression: AppliedSuppression?
    /// The execution the rule states, if any; it decides the binary's `execution`, and is not
    /// part of the report (the binary's own `execution` is).
    package var execution: Execution? = nil

    package init(
        rule: String, title: String, verdict: Verdict, confidence: Confidence, message: String, remediation: String,
        references: [Rule.Reference], source: String, suppression: AppliedSuppression? = nil,
        execution: Execution? = nil
    ) {
        self.rule = rule
        self.title = title
        self.verdict = verdict
        self.confidence = confidence
        self.message = message
        self.remediation = remediation
        self.references = references
        self.source = source
        self.suppression = suppression
        self.execution = execution
    }

    enum CodingKeys: String, CodingKey {
        case rule, title, verdict, confidence, message, remediation, references, source, suppression
    }

    /// Worst verdict first, then by rule id: the order of every finding list.
    package static func worstFirst(_ lhs: Finding, _ rhs: Finding) -> Bool {
        lhs.verdict != rhs.verdict ? lhs.verdict > rhs.verdict : lhs.rule < rhs.rule
    }
}
