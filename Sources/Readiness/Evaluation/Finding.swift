import BinaryFormats

/// One rule that fired for a binary, with its message rendered from the binary's facts.
package struct Finding: Sendable, Equatable {
    package var ruleID: String
    package var title: String
    package var verdict: Verdict
    package var confidence: Confidence
    /// The execution the rule states, if any.
    package var execution: Execution?
    package var message: String
    package var remediation: String
    package var references: [Rule.Reference]
    /// The rule's file (`Rules/<id>.yaml` for built-ins).
    package var source: String
}
