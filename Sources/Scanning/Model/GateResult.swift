import BinaryFormats
import Readiness

/// What the CI gate decided.
package struct GateResult: Sendable, Equatable, Codable {
    /// The `--fail-on` level, nil when the gate is off.
    @Nullable package var failOn: Verdict?
    package var failOnUnknown: Bool
    package var passed: Bool
    /// Paths of the binaries that tripped the gate (after suppressions and baseline).
    package var failing: [String]

    package init(failOn: Verdict?, failOnUnknown: Bool, passed: Bool, failing: [String]) {
        self.failOn = failOn
        self.failOnUnknown = failOnUnknown
        self.passed = passed
        self.failing = failing
    }
}
