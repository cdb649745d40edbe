import BinaryFormats

/// A configured suppression and what became of it.
package struct SuppressionStatus: Sendable, Equatable, Codable {
    package var rule: String
    /// The path glob or SHA-256 it names.
    package var binary: String
    package var reason: String
    @Nullable package var expires: String?
    /// The expiry date has passed: the suppression no longer applies.
    package var expired: Bool
    /// Findings it silenced in this scan.
    package var matched: Int

    package init(rule: String, binary: String, reason: String, expires: String?, expired: Bool, matched: Int) {
        self.rule = rule
        self.binary = binary
        self.reason = reason
        self.expires = expires
        self.expired = expired
        self.matched = matched
    }
}
