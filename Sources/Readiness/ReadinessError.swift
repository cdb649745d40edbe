/// Everything that can go wrong loading rules and target profiles, written for the person
/// who wrote the file: each case names the file and, where there is one, the line.
///
/// `description` reads `Rules/foo.yaml:12: unknown key 'wehn' (expected one of: ...)`; the CLI
/// prints it after `error: ` and exits with status 2.
package enum ReadinessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A problem at a place in a rule or profile file.
    case invalid(file: String, line: Int, message: String)
    /// The same rule id twice within one source (the built-ins, or one user folder).
    case duplicateRule(id: String, file: String, line: Int, firstFile: String)
    /// A folder or file that could not be read.
    case unreadable(path: String, reason: String)
    /// `--target NAME` names no built-in or user profile.
    case unknownTarget(name: String, available: [String])
    /// `--disable ID` names no loaded rule.
    case unknownDisabledRule(id: String, available: [String])

    package var description: String {
        switch self {
        case .invalid(let file, let line, let message):
            return "\(file):\(line): \(message)"
        case .duplicateRule(let id, let file, let line, let firstFile):
            return "\(file):\(line): duplicate rule id '\(id)' (already defined in \(firstFile))"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .unknownTarget(let name, let available):
            return "unknown target profile '\(name)' (available: \(available.joined(separator: ", ")))"
        case .unknownDisabledRule(let id, _):
            return "--disable names unknown rule '\(id)'"
        }
    }
}
