import ArgumentParser
import Readiness
import Scanning

/// The exit statuses (README, "The CI gate and exit status"), and the one place where an error
/// that ended a command becomes one of them.
enum ExitStatus {
    /// The gate passed (or no gate was set); every file was read; the rules are valid.
    static let passed = ExitCode(0)
    /// `scan`: the gate failed, a binary at or above `--fail-on`.
    static let gateFailed = ExitCode(1)
    /// `inspect`, `facts`: a file could not be read (its sentence is already printed).
    static let unreadableInput = ExitCode(1)
    /// `rules validate`, `rules test`: a rule is invalid or an example misbehaved.
    static let checkFailed = ExitCode(1)
    /// The command could not be completed: bad rules or configuration, no readable path, an
    /// unreadable baseline or template, a report or output that could not be written.
    static let incomplete = ExitCode(2)
    // 64 (usage error) comes from ArgumentParser's ValidationError, which `Armready.main` passes on.

    /// The status an error that ended a command exits with, and the sentence to print after
    /// `error: ` (nil when the output already said why, as for a failed gate).
    ///
    /// An error nobody listed is 2, never 1: 1 means the gate failed, and CI must not read a
    /// crash-like failure as a verdict.
    static func ending(for error: any Error) -> (status: ExitCode, sentence: String?) {
        switch error {
        case let code as ExitCode: (code, nil)
        case let failure as CommandFailure:
            switch failure {
            case let .incomplete(sentence): (incomplete, sentence)
            case let .checkFailed(sentence): (checkFailed, sentence)
            }
        case let error as OutputError: (incomplete, error.description)
        case let error as WriteError: (incomplete, "cannot write: \(error.description)")
        case let error as ReadinessError: (incomplete, error.description)
        case let error as ScanError: (incomplete, error.description)
        default: (incomplete, String(describing: error))
        }
    }

}

/// The error for `throw fail("sentence")`: status 2, `error: sentence` on standard error.
func fail(_ message: String) -> CommandFailure {
    .incomplete(message)
}
