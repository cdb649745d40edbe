import BinaryFormats
import Readiness
import Scanning

/// The scan JSON contract (`schemaVersion` 1): the `ScanReport` model with every documented
/// optional member written as `null` when absent.
///
/// Member names equal the model's, so `JSONDecoder` can read the output back into a
/// `ScanReport`; the mirror exists only to control how absence is written. docs/json-schema.md
/// and docs/report.schema.json describe it.
struct ScanJSONDocument: Encodable, Sendable {
    var schemaVersion: Int
    var tool: ToolInfo
    var target: TargetInfo
    @JSONNullable var generatedAt: String?
    var roots: [String]
    var summary: Summary
    @JSONNullable var gate: Gate?
    var binaries: [Binary]
    var applications: [Application]
    var diagnostics: [ScanDiagnostic]
    var suppressions: [Suppression]
    @JSONNullable var baseline: BaselineComparison?

    init(_ report: ScanReport) {
        schemaVersion = report.schemaVersion
        tool = report.tool
        target = report.target
        generatedAt = report.generatedAt
        roots = report.roots
        summary = Summary(report.summary)
        gate = report.gate.map(Gate.init)
        binaries = report.binaries.map(Binary.init)
        applications = report.applications.map(Application.init)
        diagnostics = report.diagnostics
        suppressions = report.suppressions.map(Suppression.init)
        baseline = report.baseline
    }

    struct Summary: Encodable, Sendable {
        var filesExamined: Int
        var binaries: Int
        var notBinary: Int
        var binariesByVerdict: [String: Int]
        var applicationsByVerdict: [String: Int]
        var binariesByExecution: [String: Int]
        var overall: Verdict
        @JSONNullable var hybridNativeShare: Double?

        init(_ summary: ScanSummary) {
            filesExamined = summary.filesExamined
            binaries = summary.binaries
            notBinary = summary.notBinary
            binariesByVerdict = summary.binariesByVerdict
            applicationsByVerdict = summary.applicationsByVerdict
            binariesByExecution = summary.binariesByExecution
            overall = summary.overall
            hybridNativeShare = summary.hybridNativeShare.finiteOrNil
        }
    }

    struct Gate: Encodable, Sendable {
        @JSONNullable var failOn: Verdict?
        var failOnUnknown: Bool
        var passed: Bool
        var failing: [String]

        init(_ gate: GateResult) {
            failOn = gate.failOn
            failOnUnknown = gate.failOnUnknown
            passed = gate.passed
            failing = gate.failing
        }
    }

    struct Application: Encodable, Sendable {
        var id: String
        var name: String
        var verdict: Verdict
        var executables: [String]
        var binaries: [String]
        var reasons: [Reason]

        init(_ application: ApplicationResult) {
            id = application.id
            name = application.name
            verdict = application.verdict
            executables = application.executables
            binaries = application.binaries
            reasons = application.reasons.map(Reason.init)
        }
    }

    struct Reason: Encodable, Sendable {
        var verdict: Verdict
        var binary: String
        var rule: String
        var message: String
        @JSONNullable var dependency: String?

        init(_ reason: ApplicationReason) {
            verdict = reason.verdict
            binary = reason.binary
            rule = reason.rule
            message = reason.message
            dependency = reason.dependency
        }
    }

    struct Suppression: Encodable, Sendable {
        var rule: String
        var binary: String
        var reason: String
        @JSONNullable var expires: String?
        var expired: Bool
        var matched: Int

        init(_ status: SuppressionStatus) {
            rule = status.rule
            binary = status.binary
            reason = status.reason
            expires = status.expires
            expired = status.expired
            matched = status.matched
        }
    }
}
