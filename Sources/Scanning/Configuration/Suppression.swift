/// "Accept this finding for this binary": names a rule and a binary (path glob or SHA-256),
/// always with a reason, optionally until a date.
package struct Suppression: Sendable, Equatable {
    package var rule: String
    /// A `fnmatch` glob over the report path, or a 64-digit SHA-256.
    package var binary: String
    package var reason: String
    /// `YYYY-MM-DD`; the suppression applies up to and including that day.
    package var expires: String?
    /// The line in the configuration file, for messages.
    package var line: Int

    package init(rule: String, binary: String, reason: String, expires: String?, line: Int) {
        self.rule = rule
        self.binary = binary
        self.reason = reason
        self.expires = expires
        self.line = line
    }

    package var isSHA256: Bool {
        binary.count == 64 && binary.allSatisfy { $0.isHexDigit }
    }

    /// Whether the suppression has expired on `today` (`YYYY-MM-DD`; string order is date order).
    package func isExpired(today: String) -> Bool {
        guard let expires else { return false }
        return today > expires
    }
}
