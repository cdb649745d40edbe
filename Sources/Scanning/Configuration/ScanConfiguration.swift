import Readiness

/// The contents of `armready.yml`: what a project pins for every scan (README, "Configuration").
/// Command-line options override single values and add to lists.
package struct ScanConfiguration: Sendable, Equatable {
    package static let fileName = "armready.yml"
    package static let supportedVersion = 1

    /// Where it was read from, for messages; nil for the empty default.
    package var file: String?
    package var target: String?
    package var failOn: Verdict?
    package var failOnUnknown: Bool?
    /// Extra rule folders, resolved against the configuration file's directory.
    package var rules: [String] = []
    package var disable: [String] = []
    package var exclude: [String] = []
    package var followSymlinks: Bool?
    /// Look inside ZIP-based packages.
    package var archives: Bool?
    package var isa: Bool?
    /// The analysis cache folder (`AnalysisCache`), resolved against the file's directory.
    package var cache: String?
    package var suppressions: [Suppression] = []

    package init(file: String? = nil) {
        self.file = file
    }
}

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
