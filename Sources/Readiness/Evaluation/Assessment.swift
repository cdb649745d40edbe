import BinaryFormats

/// The verdict for one binary on one target (DESIGN.md §1).
package struct Assessment: Sendable, Equatable {
    package var verdict: Verdict
    package var execution: Execution
    /// The fired rules, worst verdict first, then by rule id.
    package var findings: [Finding]
    /// Why the verdict is `unknown`; nil otherwise.
    package var reason: String?
    /// The target profile's name.
    package var target: String

    package init(verdict: Verdict, execution: Execution, findings: [Finding], reason: String?, target: String) {
        self.verdict = verdict
        self.execution = execution
        self.findings = findings
        self.reason = reason
        self.target = target
    }

    /// An `unknown` assessment for a binary that could not be analysed (malformed file).
    package static func unknown(reason: String, target: String) -> Assessment {
        Assessment(verdict: .unknown, execution: .other, findings: [], reason: reason, target: target)
    }
}
