import BinaryFormats
import InstructionSets
import Readiness

/// The finished result of one `armready scan`: everything a renderer needs, nothing it has to
/// compute. Deterministic: binaries sorted by path, applications by id, no absolute paths, and
/// time and version only when injected (`generatedAt` is nil in tests).
///
/// This is the JSON contract (`schemaVersion`); docs/json-schema.md describes each field.
package struct ScanReport: Sendable, Equatable, Codable {
    package static let currentSchemaVersion = 1

    package var schemaVersion: Int = ScanReport.currentSchemaVersion
    package var tool: ToolInfo
    package var target: TargetInfo
    /// ISO 8601 time the scan finished; nil when not injected (tests, reproducible output).
    package var generatedAt: String?
    /// The scanned roots as given on the command line.
    package var roots: [String]
    package var summary: ScanSummary
    package var gate: GateResult?
    package var binaries: [BinaryResult]
    package var applications: [ApplicationResult]
    /// Files that could not be scanned or were skipped for a reason worth telling.
    package var diagnostics: [ScanDiagnostic]
    /// Every suppression from the configuration and whether it applied.
    package var suppressions: [SuppressionStatus]
    /// Present when the scan was compared with a baseline.
    package var baseline: BaselineComparison?

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

    package init(name: String = "armready", version: String, informationURI: String = "https://github.com/armready/armready") {
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

/// Counts for the report's header.
package struct ScanSummary: Sendable, Equatable, Codable {
    /// Regular files looked at (binaries and non-binaries).
    package var filesExamined: Int
    package var binaries: Int
    /// Files skipped because they are not PE or ELF.
    package var notBinary: Int
    /// Binaries per verdict; every verdict is present, zero included.
    package var binariesByVerdict: [String: Int]
    package var applicationsByVerdict: [String: Int]
    /// Binaries per `execution`.
    package var binariesByExecution: [String: Int]
    /// The worst verdict of any application (or binary when there are no applications).
    package var overall: Verdict
    /// Code-map share of Arm64/Arm64EC code over all hybrid binaries; nil without hybrids.
    package var hybridNativeShare: Double?

    package init(
        filesExamined: Int, binaries: Int, notBinary: Int, binariesByVerdict: [String: Int],
        applicationsByVerdict: [String: Int], binariesByExecution: [String: Int], overall: Verdict,
        hybridNativeShare: Double?
    ) {
        self.filesExamined = filesExamined
        self.binaries = binaries
        self.notBinary = notBinary
        self.binariesByVerdict = binariesByVerdict
        self.applicationsByVerdict = applicationsByVerdict
        self.binariesByExecution = binariesByExecution
        self.overall = overall
        self.hybridNativeShare = hybridNativeShare
    }
}

/// What the CI gate decided.
package struct GateResult: Sendable, Equatable, Codable {
    /// The `--fail-on` level, nil when the gate is off.
    package var failOn: Verdict?
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
