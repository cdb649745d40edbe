import Readiness
import Scanning

/// The binaries of a report grouped by application, in the report's application order, for the
/// table and JUnit renderers; binaries whose application is not listed come last under their
/// application id.
struct ApplicationGroup: Sendable {
    /// The application id (its directory relative to the root), or the binaries' application
    /// id when the report lists no such application.
    var id: String
    var title: String
    var verdict: Verdict
    var binaries: [BinaryResult]

    static func make(_ report: ScanReport) -> [ApplicationGroup] {
        var byApplication: [String: [BinaryResult]] = [:]
        for binary in report.binaries {
            byApplication[binary.application, default: []].append(binary)
        }
        var groups: [ApplicationGroup] = []
        var listed = Set<String>()
        for application in report.applications {
            listed.insert(application.id)
            let title = application.id == application.name || application.id == "."
                ? application.name : "\(application.name) [\(application.id)]"
            groups.append(
                ApplicationGroup(
                    id: application.id, title: title, verdict: application.verdict, binaries: byApplication[application.id] ?? []))
        }
        for id in byApplication.keys.sorted() where !listed.contains(id) {
            let binaries = byApplication[id] ?? []
            let verdict = binaries.map(\.verdict).reduce(Verdict.unknown, Verdict.worst)
            groups.append(ApplicationGroup(id: id, title: id.isEmpty ? "(no application)" : id, verdict: verdict, binaries: binaries))
        }
        return groups
    }
}
