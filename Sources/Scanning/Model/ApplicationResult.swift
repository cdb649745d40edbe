import BinaryFormats
import Readiness

/// An application: a directory with its executables and the libraries beside and below it.
package struct ApplicationResult: Sendable, Equatable, Codable {
    /// The application directory relative to the scan root (`.` for the root itself).
    package var id: String
    /// The directory's name, for display.
    package var name: String
    package var verdict: Verdict
    package var executables: [String]
    package var binaries: [String]
    /// Why the application got its verdict: the binaries and load problems that decided it,
    /// worst first.
    package var reasons: [ApplicationReason]

    package init(id: String, name: String, verdict: Verdict, executables: [String], binaries: [String], reasons: [ApplicationReason]) {
        self.id = id
        self.name = name
        self.verdict = verdict
        self.executables = executables
        self.binaries = binaries
        self.reasons = reasons
    }
}

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
    package var dependency: String?

    package init(verdict: Verdict, binary: String, rule: String, message: String, dependency: String? = nil) {
        self.verdict = verdict
        self.binary = binary
        self.rule = rule
        self.message = message
        self.dependency = dependency
    }
}

/// A file the scan could not analyse or deliberately skipped.
package struct ScanDiagnostic: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, Codable {
        /// Could not open or read (permissions, I/O).
        case unreadable
        /// FIFO, socket or device: never opened.
        case specialFile = "special-file"
        /// A symbolic link that leads back into a directory being walked.
        case symlinkLoop = "symlink-loop"
        /// A root given on the command line does not exist.
        case missingRoot = "missing-root"
    }

    package var path: String
    package var kind: Kind
    package var message: String

    package init(path: String, kind: Kind, message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }
}

/// A configured suppression and what became of it.
package struct SuppressionStatus: Sendable, Equatable, Codable {
    package var rule: String
    /// The path glob or SHA-256 it names.
    package var binary: String
    package var reason: String
    package var expires: String?
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

/// How this scan compares with a baseline file.
package struct BaselineComparison: Sendable, Equatable, Codable {
    package var file: String
    package var new: [String]
    package var worse: [String]
    package var improved: [String]
    /// Binaries in the baseline that this scan no longer found.
    package var removed: [String]

    package init(file: String, new: [String], worse: [String], improved: [String], removed: [String]) {
        self.file = file
        self.new = new
        self.worse = worse
        self.improved = improved
        self.removed = removed
    }
}
