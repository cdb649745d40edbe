import BinaryFormats
import InstructionSets
import Readiness

/// The finished result of one `armready scan`: everything a renderer needs, nothing it has to
/// compute. Deterministic: binaries sorted by path, applications by id, no absolute paths, and
/// time and version only when injected (`generatedAt` is nil in tests).
///
/// This is the JSON contract (`schemaVersion`): it encodes itself, with every documented
/// optional member written as `null` when absent (`Nullable`), and decodes back from it;
/// docs/json-schema.md describes each field.
package struct ScanReport: Sendable, Equatable, Codable {
    package static let currentSchemaVersion = 1

    package var schemaVersion: Int = ScanReport.currentSchemaVersion
    package var tool: ToolInfo
    package var target: TargetInfo
    /// ISO 8601 time the scan finished; nil when not injected (tests, reproducible output).
    @Nullable package var generatedAt: String?
    /// The scanned roots as given on the command line.
    package var roots: [String]
    package var summary: ScanSummary
    @Nullable package var gate: GateResult?
    package var binaries: [BinaryResult]
    package var applications: [ApplicationResult]
    /// Files that could not be scanned or were skipped for a reason worth telling.
    package var diagnostics: [ScanDiagnostic]
    /// Every suppression from the configuration and whether it applied.
    package var suppressions: [SuppressionStatus]
    /// Present when the scan was compared with a baseline.
    @Nullable package var baseline: BaselineComparison?
    /// The reports `armready merge` combined into this one; nil for a scan.
    @Nullable package var sources: [ReportSource]? = nil

    package init(
        tool: ToolInfo, target: TargetInfo, generatedAt: String?, roots: [String], summary: ScanSummary,
        gate: GateResult?, binaries: [BinaryResult], applications: [ApplicationResult],
        diagnostics: [ScanDiagnostic], suppressions: [SuppressionStatus], baseline: BaselineComparison?
    ) {
        self.tool = tool
        self.target = target
        self.generatedAt = generatedAt
        self.roots = roots
        self.summary = summary
        self.gate = gate
        self.binaries = binaries
        self.applications = applications
        self.diagnostics = diagnostics
        self.suppressions = suppressions
        self.baseline = baseline
    }
}

package struct ToolInfo: Sendable, Equatable, Codable {
    package var name: String
    package var version: String
    package var informationURI: String

    package init(
        name: String = "armready", version: String, informationURI: String = "https://github.com/armready/armready"
    ) {
        self.name = name
        self.version = version
        self.informationURI = informationURI
    }
}

package struct TargetInfo: Sendable, Equatable, Codable {
    /// Profile name, e.g. `copilot-plus-pc`.
    package var name: String
    /// One-line description from the profile.
    package var title: String

    package init(name: String, title: String) {
        self.name = name
        self.title = title
    }
}

extension ScanReport {
    /// Each application with its binaries, in the report's order, for renderers that list
    /// binaries under their application. Binaries whose application the report does not list
    /// (a hand-edited report) come last, under their application id, so nothing is dropped.
    package var applicationsWithBinaries: [(application: ApplicationResult, binaries: [BinaryResult])] {
        let byApplication = Dictionary(grouping: binaries, by: \.application)
        var groups = applications.map { ($0, byApplication[$0.id] ?? []) }
        let listed = Set(applications.map(\.id))
        for id in byApplication.keys.sorted() where !listed.contains(id) {
            let members = byApplication[id] ?? []
            let application = ApplicationResult(
                id: id, name: id.isEmpty ? "(no application)" : id, verdict: members.map(\.verdict).worst,
                executables: [], binaries: members.map(\.path), reasons: [])
            groups.append((application, members))
        }
        return groups
    }
}
