/// A command's own reason to stop, where no library error type says it, with the sentence for
/// standard error (`ExitStatus.ending(for:)` prints it and chooses the status).
enum CommandFailure: Error, Equatable, CustomStringConvertible {
    /// Status 2: the command could not be completed (`no rule with id 'x'`).
    case incomplete(String)
    /// Status 1: the check the command exists for failed (`rules validate` on an invalid folder).
    case checkFailed(String)

    var description: String {
        switch self {
        case let .incomplete(sentence), let .checkFailed(sentence): sentence
        }
    }
}
