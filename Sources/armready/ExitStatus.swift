import ArgumentParser

/// The exit statuses of `armready scan` (README, "Exit status").
enum ExitStatus {
    /// The gate passed (or no gate was set).
    static let passed = ExitCode(0)
    /// The gate failed: a binary at or above `--fail-on`.
    static let gateFailed = ExitCode(1)
    /// The scan could not be completed: bad rules or configuration, no readable root, a report
    /// that could not be written.
    static let incomplete = ExitCode(2)
    // 64 (usage error) comes from ArgumentParser's ValidationError.
}

/// Prints `error: <sentence>` on standard error and ends with status 2.
func fail(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitStatus.incomplete
}

func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileDescriptorWriter.write(string, to: 2)
    }
}
