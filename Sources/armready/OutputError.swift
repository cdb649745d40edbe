/// Output that could not be written (exit status 2): what it was, where it was going, and the
/// system's reason, as one sentence: `cannot write the json report to standard output: No space
/// left on device`.
struct OutputError: Error, Equatable, CustomStringConvertible {
    enum Destination: Equatable {
        case standardOutput
        case file(String)
    }

    /// `the json report`; nil for a command's plain output or a file named only by its path.
    var what: String?
    var destination: Destination
    var reason: WriteError

    var description: String {
        let head =
            switch (what, destination) {
            case let (what?, .standardOutput): "cannot write \(what) to standard output"
            case let (what?, .file(path)): "cannot write \(what) to \(path)"
            case (nil, .standardOutput): "cannot write to standard output"
            case let (nil, .file(path)): "cannot write \(path)"
            }
        return "\(head): \(reason)"
    }
}
