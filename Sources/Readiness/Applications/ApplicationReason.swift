import BinaryFormats

/// One link in an application's reason chain.
package struct ApplicationReason: Sendable, Equatable, Codable {
    package var verdict: Verdict
    /// The binary this reason is about.
    package var binary: String
    /// The rule that decided it (a binary rule, or an application-level one such as an import
    /// the host cannot load).
    package var rule: String
    package var message: String
    /// For load problems: the dependency that cannot load.
    @Nullable package var dependency: String?

    package init(verdict: Verdict, binary: String, rule: String, message: String, dependency: String? = nil) {
        self.verdict = verdict
        self.binary = binary
        self.rule = rule
        self.message = message
        self.dependency = dependency
    }

    /// Worst verdict first, then by binary and rule.
    static func worstFirst(_ lhs: ApplicationReason, _ rhs: ApplicationReason) -> Bool {
        lhs.verdict != rhs.verdict ? lhs.verdict > rhs.verdict : (lhs.binary, lhs.rule) < (rhs.binary, rhs.rule)
    }
}
