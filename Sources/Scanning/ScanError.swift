import Readiness

/// Why a scan could not be completed (exit status 2), in one sentence for `error: …`.
package enum ScanError: Error, Equatable, CustomStringConvertible {
    /// The rules, a target profile or the configuration file could not be loaded.
    case configuration(ReadinessError)
    case badBaseline(path: String, reason: String)
    /// No root given could be walked at all.
    case noRoots(details: [String])
    case unreadableFile(path: String, reason: String)
    /// `armready merge`: the reports cannot be combined into one exact report.
    case mergeRefused(reason: String)

    package var description: String {
        switch self {
        case let .configuration(error): error.description
        case let .badBaseline(path, reason): "\(path): \(reason)"
        case let .noRoots(details): "nothing to scan: " + details.joined(separator: "; ")
        case let .unreadableFile(path, reason): "\(path): \(reason)"
        case let .mergeRefused(reason): "cannot merge: " + reason
        }
    }
}
